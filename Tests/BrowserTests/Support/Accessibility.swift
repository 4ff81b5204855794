/// Scripts that check a page for the accessibility basics the widget promises; each returns a list of problems
/// (empty when there are none).
enum Accessibility {
    /// Labels, accessible names, references between ARIA attributes, the tabs pattern, unique ids, `lang`.
    static let audit = """
        var problems = [];
        function visible(e) { return e.getClientRects().length > 0; }
        function named(e) {
          var label = (e.getAttribute('aria-label') || '').trim();
          var by = e.getAttribute('aria-labelledby');
          if (by) {
            label += by.split(/\\s+/).map(function (id) {
              var t = document.getElementById(id); return t ? t.textContent.trim() : '';
            }).join(' ');
          }
          return label.trim().length > 0;
        }
        function describe(e) { return e.outerHTML.slice(0, 100); }
        if (!document.documentElement.lang) { problems.push('<html> has no lang'); }
        document.querySelectorAll('input, select, textarea').forEach(function (e) {
          if (e.type === 'hidden' || !visible(e)) { return; }
          if (!(e.labels && e.labels.length) && !named(e)) { problems.push('no label: ' + describe(e)); }
        });
        document.querySelectorAll('button, a[href], [role=tab], [role=option]').forEach(function (e) {
          if (!visible(e)) { return; }
          if (!e.textContent.trim() && !named(e)) { problems.push('no accessible name: ' + describe(e)); }
        });
        document.querySelectorAll('img').forEach(function (e) {
          if (!e.hasAttribute('alt')) { problems.push('no alt: ' + describe(e)); }
        });
        document.querySelectorAll('svg[role=img]').forEach(function (e) {
          if (!e.querySelector('title') && !named(e)) { problems.push('no title: ' + describe(e)); }
        });
        var ids = {};
        document.querySelectorAll('[id]').forEach(function (e) {
          if (ids[e.id]) { problems.push('duplicate id ' + e.id); }
          ids[e.id] = true;
        });
        ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-activedescendant'].forEach(function (name) {
          document.querySelectorAll('[' + name + ']').forEach(function (e) {
            e.getAttribute(name).split(/\\s+/).forEach(function (id) {
              if (id && !document.getElementById(id)) { problems.push(name + ' names a missing #' + id); }
            });
          });
        });
        document.querySelectorAll('[role=tab]').forEach(function (tab) {
          var panel = document.getElementById(tab.getAttribute('aria-controls'));
          if (!panel || panel.getAttribute('role') !== 'tabpanel' || panel.getAttribute('aria-labelledby') !== tab.id) {
            problems.push('tab ' + tab.id + ' and its panel do not name each other');
          }
          if (!tab.closest('[role=tablist]')) { problems.push('tab ' + tab.id + ' is outside a tablist'); }
        });
        return problems;
        """

    /// Every visible piece of text against its effective background: at least 4.5:1, or 3:1 for large text
    /// (WCAG 2.1 SC 1.4.3). Disabled controls are exempt, as WCAG has them.
    static let contrast = """
        function parse(value) {
          var m = /rgba?\\(([^)]+)\\)/.exec(value);
          if (!m) { return null; }
          var p = m[1].split(/[\\s,\\/]+/).filter(function (x) { return x.length; }).map(Number);
          return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
        }
        function over(top, bottom) {
          var a = top.a;
          return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
        }
        function luminance(c) {
          function channel(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
          return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
        }
        function background(e) {
          var layers = [];
          for (var n = e; n && n.nodeType === 1; n = n.parentElement) {
            var c = parse(getComputedStyle(n).backgroundColor);
            if (c && c.a > 0) { layers.push(c); if (c.a >= 1) { break; } }
            if (n.tagName === 'DIALOG') { break; }
          }
          var result = { r: 255, g: 255, b: 255, a: 1 };
          for (var i = layers.length - 1; i >= 0; i -= 1) { result = over(layers[i], result); }
          return result;
        }
        var failures = [];
        document.querySelectorAll('body *').forEach(function (e) {
          if (e instanceof SVGElement || e.closest('[disabled]')) { return; }
          var hasText = Array.prototype.some.call(e.childNodes, function (n) {
            return n.nodeType === 3 && n.textContent.trim().length > 0;
          });
          if (!hasText) { return; }
          var rect = e.getBoundingClientRect();
          var style = getComputedStyle(e);
          if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden') { return; }
          var bg = background(e);
          var fg = parse(style.color);
          if (!fg) { return; }
          if (fg.a < 1) { fg = over(fg, bg); }
          var l1 = luminance(fg), l2 = luminance(bg);
          var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
          var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
          var needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
          if (ratio < needed) {
            failures.push((e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + e.className) + ' "' +
              e.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2) + ':1');
          }
        });
        return failures;
        """
}
