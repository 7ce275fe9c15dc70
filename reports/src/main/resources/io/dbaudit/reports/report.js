
(function () {
  'use strict';
  // Copy buttons: text only (textContent / clipboard text), never HTML.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button.copy');
    if (!button) { return; }
    var pre = button.closest('.code').querySelector('pre');
    if (!pre) { return; }
    var text = pre.textContent;
    var done = function (label) {
      button.textContent = label;
      setTimeout(function () { button.textContent = 'Copy'; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done('Copied'); }, function () { select(pre); done('Press Ctrl+C'); });
    } else {
      select(pre);
      done('Press Ctrl+C');
    }
  });
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  // Printing shows everything: open all sections, then restore what the reader had open.
  var closed = [];
  window.addEventListener('beforeprint', function () {
    closed = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
  // Expand / collapse all.
  Array.prototype.forEach.call(document.querySelectorAll('button[data-toggle]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var open = button.getAttribute('data-toggle') === 'open';
      Array.prototype.forEach.call(document.querySelectorAll('details.result'), function (d) { d.open = open; });
    });
  });
}());
