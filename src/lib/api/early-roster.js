/*
 * rollcall's first script, ahead of the app's own JavaScript (a plain file, no imports: it must not wait for
 * anything). On a load of /rooms/TOKEN by someone signed in, it asks for the conversation's participants at once,
 * so the list is on its way while the app loads (~150 ms on a 2-core machine), instead of asked for after.
 *
 * It makes exactly the request the app will make (src/lib/api/early-participants.ts adopts it only when address
 * and credentials are the same, and cancels it otherwise; src/lib/api/early-participants.test.ts checks the two
 * agree), and only when the app will take its answer: someone is signed in, the Talk API generation is
 * remembered, and there are workers (the app adopts an early answer only where it has its participants worker).
 */
(function () {
  'use strict';
  try {
    var room = /^\/rooms\/([^/]+)\/?$/.exec(location.pathname);
    if (!room || typeof Worker === 'undefined' || typeof AbortController === 'undefined') return;
    // src/app/identity.ts (zustand's persisted state) and src/lib/api/capabilities.ts (talkApiMemoryIn).
    var identity = JSON.parse(sessionStorage.getItem('rollcall.identity') || 'null');
    var credentials = identity && identity.state && identity.state.credentials;
    var api = JSON.parse(localStorage.getItem('rollcall.talk-api') || 'null');
    if (!credentials || typeof credentials.account !== 'string' || typeof credentials.password !== 'string') return;
    if (!api || (api.base !== '/ocs/v2.php/apps/spreed/api/v4' && api.base !== '/ocs/v2.php/apps/spreed/api/v1')) return;

    var token = decodeURIComponent(room[1]);
    var url = new URL(api.base + '/room/' + encodeURIComponent(token) + '/participants?includeStatus=1', location.href).href;
    // Basic credentials as UTF-8 (btoa alone takes Latin-1 only).
    var bytes = new TextEncoder().encode(credentials.account + ':' + credentials.password);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    var authorization = 'Basic ' + btoa(binary);
    var controller = new AbortController();
    var response = fetch(url, {
      method: 'GET',
      headers: {
        'OCS-APIRequest': 'true',
        Accept: 'application/json',
        'X-Requested-With': 'XMLHttpRequest',
        Authorization: authorization,
      },
      credentials: 'same-origin',
      signal: controller.signal,
    });
    // The body is read at once, natively, as its bytes come: left unread, it would wait in the browser's buffers
    // (and hold back its last bytes) until the app, still loading, asked for it.
    var received = response.then(function (answer) {
      return answer.arrayBuffer().then(function (body) {
        return { status: answer.status, statusText: answer.statusText, body: body };
      });
    });
    // Nobody may adopt it; its failure is then nobody's business.
    received.catch(function () {});
    window.__rollcallEarlyParticipants = { url: url, authorization: authorization, received: received, controller: controller };
    // Not adopted by then: the page went elsewhere, or asks differently.
    setTimeout(function () {
      var early = window.__rollcallEarlyParticipants;
      if (early && early.received === received) {
        window.__rollcallEarlyParticipants = undefined;
        controller.abort();
      }
    }, 20000);
  } catch {
    // Storage refused or unreadable: the app asks itself, as without this script.
  }
})();
