/**
 * Nextcloud's Login Flow v2 (how clients obtain an app password without ever seeing the account password):
 * the paths and bodies as a real Nextcloud serves them, shared by the client and the demo server.
 * These are not OCS routes: plain JSON, no envelope, no `OCS-APIRequest` needed.
 */

/** `POST` starts a flow. */
export const LOGIN_FLOW_PATH = '/index.php/login/v2';
/** `POST token=…`: 404 until access is granted, then the credentials once, then 404 again. */
export const LOGIN_FLOW_POLL_PATH = `${LOGIN_FLOW_PATH}/poll`;
/** Where the person grants access: `${LOGIN_FLOW_GRANT_PATH}/<login token>` (Nextcloud's `landing` route). */
export const LOGIN_FLOW_GRANT_PATH = `${LOGIN_FLOW_PATH}/flow`;
/** `DELETE` (OCS, Basic auth with the app password): revokes the app password the request used. */
export const APP_PASSWORD_PATH = '/ocs/v2.php/core/apppassword';

/** Nextcloud forgets a flow 20 minutes after it started (LoginFlowV2Mapper's lifetime), granted or not. */
export const LOGIN_FLOW_LIFETIME_SECONDS = 20 * 60;

export interface LoginFlowStart {
  poll: { token: string; endpoint: string };
  /** Absolute: Nextcloud's public address, which the browser opens itself. */
  login: string;
}

export interface LoginFlowCredentials {
  server: string;
  loginName: string;
  appPassword: string;
}
