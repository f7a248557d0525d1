declare module 'virtual:rollcall-messages/*' {
  /** One language's catalogue, compiled at build time (scripts/compiled-messages.ts). */
  const messages: import('@lingui/core').Messages;
  export default messages;
}
