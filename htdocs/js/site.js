/* site.js - small progressive enhancements; every page works without it. */
(function () {
  'use strict';
  /* Ask before leaving a form with unsaved typing? Not yet: keep pages plain. */
  document.documentElement.classList.add('js');
})();
