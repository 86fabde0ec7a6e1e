/* site.js - small progressive enhancements; every page works without it. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  /* A form came back with mistakes: move focus to the message that says so,
   * so screen readers announce it and keyboard users start from there. */
  var problem = document.querySelector('main .notice.bad');
  if (problem && document.querySelector('main [aria-invalid="true"]')) {
    problem.setAttribute('tabindex', '-1');
    problem.focus();
  }
})();
