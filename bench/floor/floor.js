/*
 * The floor under figure 14: what a page load of a roster costs a browser with no app at all. It makes the
 * participants request rollcall's first script makes (src/lib/api/early-roster.js: same address, same headers,
 * as soon as it runs), reads the answer the way the app reads a first list (the whole body, decoded, parsed),
 * and shows the first twenty names in a plain list. The marks are the app's own (src/features/roster/perf-marks.ts),
 * so the bench times both pages alike; what the app takes beyond this page is rollcall's own work.
 */
(function () {
  'use strict';
  var room = new URLSearchParams(location.search).get('room');
  var identity = JSON.parse(sessionStorage.getItem('rollcall.identity') || 'null');
  var credentials = identity && identity.state && identity.state.credentials;
  var api = JSON.parse(localStorage.getItem('rollcall.talk-api') || 'null');
  if (!room || !credentials || !api) throw new Error('bench floor: sign in to rollcall in this tab first');
  var url = api.base + '/room/' + encodeURIComponent(room) + '/participants?includeStatus=1';
  var bytes = new TextEncoder().encode(credentials.account + ':' + credentials.password);
  var binary = '';
  for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  fetch(url, {
    headers: {
      'OCS-APIRequest': 'true',
      Accept: 'application/json',
      'X-Requested-With': 'XMLHttpRequest',
      Authorization: 'Basic ' + btoa(binary),
    },
    credentials: 'same-origin',
  })
    .then(function (response) {
      return response.arrayBuffer();
    })
    .then(function (body) {
      var participants = JSON.parse(new TextDecoder().decode(body)).ocs.data;
      performance.mark('rollcall:participants-listed');
      var list = document.createElement('ul');
      for (var i = 0; i < Math.min(20, participants.length); i++) {
        var item = document.createElement('li');
        item.textContent = participants[i].displayName;
        list.appendChild(item);
      }
      document.body.appendChild(list);
      // As the app's mark: after the first frame that shows the names.
      requestAnimationFrame(function () {
        setTimeout(function () {
          performance.mark('rollcall:roster-rows-painted');
        }, 0);
      });
    });
})();
