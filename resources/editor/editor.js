/* editor.js — the article body editor's logic (issue 5 point 1). Injected by ToaEditorView as
 * a user script in the script world "toasoan", so the page itself (and anything pasted into
 * it) can neither see these functions nor post to C. C calls window.toa.* through
 * webkit_web_view_evaluate_javascript in the same world; this script posts to C through the
 * message handler "toa" of that world: {type: "html" | "state" | "paste" | "drop" | "image" |
 * "link-requested" | "ready", …}.
 *
 * Undo and redo are ours, not WebKit's: every change the page makes — typing (a run of keys
 * is one step), formatting, paste, drop, tables, images, find and replace, cut — records the
 * document before it (HTML and selection), so undo restores exactly what was there, even for
 * changes WebKit's own undo does not know (DOM edits for tables, replace all). */
(function () {
  'use strict';

  if (location.protocol !== 'toasoan:' || window.toa)
    return;

  const doc = document.getElementById('toa-doc');
  if (!doc)
    return;

  const UNDO_LIMIT = 100;       /* steps kept (each a copy of the document) */
  const TYPING_IDLE_MS = 800;   /* a pause this long ends one undo step of typing */
  const PUSH_DELAY_MS = 300;    /* the content is pushed to C this long after a change */

  let undoStack = [];           /* {html, sel}: the document before each change */
  let redoStack = [];
  let committed = doc.innerHTML; /* the document after the last recorded change */
  let typing = false;           /* a typing run is open (its undo step is recorded) */
  let typingTimer = 0;
  let pendingSel = null;        /* the selection just before the current input */
  let afterInput = null;        /* the selection just after the last input (as nodes) */
  let inCommand = 0;
  let pushTimer = 0;
  let stateTimer = 0;
  let lastState = '';
  let composing = null;         /* while an input method composes (preedit): the document
                                   before the composition, {html, raw, sel, words, chars} */

  function post (message) {
    try {
      window.webkit.messageHandlers.toa.postMessage(message);
    } catch (e) {
      /* not in an editor view (opened elsewhere): nothing to tell */
    }
  }

  /* ---- selections as paths that survive replacing the HTML ------------------------------ */

  function nodePath (node) {
    const path = [];
    while (node && node !== doc) {
      const parent = node.parentNode;
      if (!parent)
        return null;
      path.unshift(Array.prototype.indexOf.call(parent.childNodes, node));
      node = parent;
    }
    return node === doc ? path : null;
  }

  function nodeAt (path) {
    let node = doc;
    for (const i of path) {
      if (!node.childNodes[i])
        return null;
      node = node.childNodes[i];
    }
    return node;
  }

  function nodeLength (node) {
    return node.nodeType === Node.TEXT_NODE ? node.data.length : node.childNodes.length;
  }

  function saveSel () {
    const sel = getSelection();
    if (!sel.rangeCount)
      return null;
    const range = sel.getRangeAt(0);
    const a = nodePath(range.startContainer);
    const b = nodePath(range.endContainer);
    if (!a || !b)
      return null;
    return { a: a, ao: range.startOffset, b: b, bo: range.endOffset };
  }

  function caretTo (node, atEnd) {
    const range = document.createRange();
    range.selectNodeContents(node);
    range.collapse(!atEnd);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function restoreSel (saved) {
    const a = saved ? nodeAt(saved.a) : null;
    const b = saved ? nodeAt(saved.b) : null;
    if (!a || !b) {
      caretTo(doc, true);
      return;
    }
    const range = document.createRange();
    range.setStart(a, Math.min(saved.ao, nodeLength(a)));
    range.setEnd(b, Math.min(saved.bo, nodeLength(b)));
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  /* ---- the undo history ------------------------------------------------------------------ */

  function record (html, sel) {
    undoStack.push({ html: html, sel: sel });
    if (undoStack.length > UNDO_LIMIT)
      undoStack.shift();
    redoStack = [];
  }

  function endTyping () {
    if (!typing)
      return;
    clearTimeout(typingTimer);
    typing = false;
    /* in the middle of a composition the preedit is no document: the step ends before it */
    committed = composing ? composing.raw : doc.innerHTML;
  }

  function ensureBlock () {
    /* an emptied document gets its paragraph back, so typing goes into a <p> */
    if (!doc.firstChild) {
      doc.innerHTML = '<p><br></p>';
      caretTo(doc.firstChild, false);
    }
  }

  /* After a change: a document ending in a figure, table or rule gets an empty paragraph
   * after it, so there is somewhere to go on typing. */
  function ensureTail () {
    const last = doc.lastElementChild;
    if (last && ['figure', 'table', 'hr'].includes(last.localName)) {
      const p = document.createElement('p');
      p.appendChild(document.createElement('br'));
      last.after(p);
    }
  }

  /* Runs @fn as one undoable step; returns what @fn returns. */
  function change (fn) {
    endTyping();
    const beforeHtml = committed;
    const beforeSel = saveSel();
    let result;
    inCommand++;
    try {
      result = fn();
      ensureBlock();
      ensureTail();
    } finally {
      inCommand--;
    }
    const now = doc.innerHTML;
    if (now !== beforeHtml) {
      record(beforeHtml, beforeSel);
      committed = now;
      changed();
    }
    return result;
  }

  function restore (entry, into) {
    into.push({ html: committed, sel: saveSel() });
    doc.innerHTML = entry.html;
    committed = doc.innerHTML;
    restoreSel(entry.sel);
    changed();
  }

  function undo () {
    endTyping();
    const entry = undoStack.pop();
    if (!entry)
      return false;
    restore(entry, redoStack);
    return true;
  }

  function redo () {
    endTyping();
    const entry = redoStack.pop();
    if (!entry)
      return false;
    restore(entry, undoStack);
    return true;
  }

  /* Input types that continue a typing run; anything else is a step of its own. */
  function isTyping (type) {
    return type === 'insertText' || type === 'insertCompositionText' || type === 'insertFromComposition' ||
      type === 'insertReplacementText' || type === 'insertLineBreak' ||
      type === 'insertParagraph' || type.startsWith('delete') && type !== 'deleteByCut' &&
      type !== 'deleteByDrag';
  }

  /* The preedit of an input method coming and going (a Telex word being typed): no change
   * of the document yet — neither an undo step nor pushed; its commit (insertFromComposition)
   * is typing like any other. */
  function isPreedit (type) {
    return composing !== null && (type === 'insertCompositionText' || type === 'deleteCompositionText');
  }

  doc.addEventListener('beforeinput', function (ev) {
    if (inCommand || isPreedit(ev.inputType))
      return;
    if (ev.inputType === 'historyUndo' || ev.inputType === 'historyRedo') {
      ev.preventDefault();
      if (ev.inputType === 'historyUndo')
        undo();
      else
        redo();
      return;
    }
    /* a run of typing ends when the caret was moved or a selection made since the last key */
    if (!isTyping(ev.inputType) || (typing && !sameMark(markSel(), afterInput)))
      endTyping();
    if (!typing)
      pendingSel = composing ? composing.sel : saveSel();
  });

  doc.addEventListener('input', function (ev) {
    if (inCommand)
      return;
    if (isPreedit(ev.inputType)) {
      afterInput = markSel();   /* the caret moved with the preedit: the run goes on */
      return;
    }
    afterInput = markSel();
    if (!typing) {
      record(committed, pendingSel);
      typing = true;
    }
    clearTimeout(typingTimer);
    if (isTyping(ev.inputType || '')) {
      typingTimer = setTimeout(endTyping, TYPING_IDLE_MS);
    } else {
      ensureBlock();
      endTyping();
    }
    changed();
  });

  /* ---- pushing content and state to C --------------------------------------------------- */

  function isEmpty () {
    return doc.textContent.trim() === '' && !doc.querySelector('img, hr, table, figure');
  }

  function html () {
    return isEmpty() ? '' : doc.innerHTML;
  }

  function counts () {
    const text = doc.innerText.normalize('NFC');
    const words = text.split(/\s+/).filter(function (w) { return /[\p{L}\p{N}]/u.test(w); });
    return { words: words.length, chars: Array.from(text.replace(/\n/g, '')).length };
  }

  /* @loaded: the document as set from C, not a change. While an input method composes, C is
   * told the document as it was before the composition: the preedit (a Telex word half typed)
   * is shown in the page but never pushed, so it is never saved half composed. */
  function pushHtml (loaded) {
    clearTimeout(pushTimer);
    pushTimer = 0;
    const c = composing || counts();
    post({ type: 'html', html: composing ? composing.html : html(), words: c.words, chars: c.chars,
      loaded: loaded === true });
  }

  doc.addEventListener('compositionstart', function () {
    const c = counts();
    composing = { html: html(), raw: doc.innerHTML, sel: saveSel(), words: c.words, chars: c.chars };
  });

  doc.addEventListener('compositionend', function () {
    /* the composed text is committed now: pushed as any change */
    composing = null;
    changed();
  });

  /* at most PUSH_DELAY_MS after the first change not yet pushed, even while typing goes on
   * (a timer further changes do not restart: one who never pauses is heard too) */
  function changed () {
    if (pushTimer === 0)
      pushTimer = setTimeout(pushHtml, PUSH_DELAY_MS);
    scheduleState();
  }

  function caretElement () {
    const sel = getSelection();
    let node = sel.rangeCount ? sel.getRangeAt(0).startContainer : doc;
    if (!doc.contains(node))
      node = doc;
    return node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  }

  function closest (selector) {
    const el = caretElement();
    const found = el ? el.closest(selector) : null;
    return found && doc.contains(found) && found !== doc ? found : null;
  }

  /* The link at the caret, or the one the selection covers. */
  function linkAt () {
    const link = closest('a[href]');
    if (link)
      return link;
    const sel = getSelection();
    if (!sel.rangeCount || sel.isCollapsed || sel.toString() === '')
      return null;
    const range = sel.getRangeAt(0);
    for (const a of doc.querySelectorAll('a[href]')) {
      const inner = document.createRange();
      inner.selectNodeContents(a);
      /* overlapping with some text, not merely touching */
      if (range.compareBoundaryPoints(Range.START_TO_END, inner) > 0 &&
          range.compareBoundaryPoints(Range.END_TO_START, inner) < 0)
        return a;
    }
    return null;
  }

  function state () {
    let block = 'p';
    for (const [sel, name] of [['figure', 'figure'], ['table', 'table'], ['ul', 'ul'], ['ol', 'ol'],
      ['blockquote', 'blockquote'], ['h2', 'h2'], ['h3', 'h3'], ['h4', 'h4']]) {
      if (closest(sel)) {
        block = name;
        break;
      }
    }
    const link = linkAt();
    return {
      type: 'state',
      block: block,
      /* the markup at the caret; WebKit's own answer only for what is about to be typed
       * (headings are bold, quotes italic and links underlined by their look alone) */
      bold: !!closest('b, strong') || (document.queryCommandState('bold') && !closest('h2, h3, h4, th')),
      italic: !!closest('i, em') || (document.queryCommandState('italic') && !closest('blockquote, figcaption')),
      underline: !!closest('u') || (document.queryCommandState('underline') && !linkAt()),
      in_link: !!link,
      link_href: link ? link.getAttribute('href') : null,
      in_table: !!closest('td, th'),
      can_undo: undoStack.length > 0,
      can_redo: redoStack.length > 0,
    };
  }

  function pushState () {
    stateTimer = 0;
    const s = state();
    const text = JSON.stringify(s);
    if (text !== lastState) {
      lastState = text;
      post(s);
    }
  }

  function scheduleState () {
    if (!stateTimer)
      stateTimer = setTimeout(pushState, 0);
  }

  document.addEventListener('selectionchange', function () {
    /* the caret moved, or a selection was made, other than by typing: the run ends */
    if (typing && !sameMark(markSel(), afterInput))
      endTyping();
    scheduleState();
  });

  /* ---- keys, paste, drop ------------------------------------------------------------------ */

  doc.addEventListener('keydown', function (ev) {
    const mod = ev.ctrlKey || ev.metaKey;
    const key = ev.key.toLowerCase();
    if (mod && !ev.altKey && (key === 'z' || key === 'y')) {
      ev.preventDefault();
      if (key === 'y' || ev.shiftKey)
        redo();
      else
        undo();
    } else if (mod && key === 'k') {
      ev.preventDefault();
      const link = linkAt();
      post({ type: 'link-requested', href: link ? link.getAttribute('href') : '' });
    } else if (ev.key.startsWith('Arrow') || ev.key === 'Home' || ev.key === 'End' ||
      ev.key === 'PageUp' || ev.key === 'PageDown') {
      endTyping();
    }
  });
  doc.addEventListener('mousedown', endTyping);

  function readImages (files, kind) {
    for (const file of files) {
      if (!file.type.startsWith('image/'))
        continue;
      const reader = new FileReader();
      reader.onload = function () {
        const url = reader.result;
        post({ type: 'image', name: file.name || '', data: url.substring(url.indexOf(',') + 1),
          via: kind });
      };
      reader.readAsDataURL(file);
    }
  }

  function transfer (dt, kind) {
    const files = Array.from(dt.files || []);
    readImages(files, kind);
    const html = dt.getData('text/html');
    const text = dt.getData('text/plain');
    if (html || text)
      post({ type: kind, html: html, text: text });
  }

  /* Paste: C reads the clipboard itself (WebKit's own copy of it has lost links and gained
   * styles) and sends the sanitised HTML back; what the page saw is only a fallback. */
  doc.addEventListener('paste', function (ev) {
    ev.preventDefault();
    endTyping();
    const dt = ev.clipboardData;
    post({ type: 'paste', html: dt ? dt.getData('text/html') : '',
      text: dt ? dt.getData('text/plain') : '' });
  });

  doc.addEventListener('drop', function (ev) {
    if (!ev.dataTransfer)
      return;
    ev.preventDefault();
    const range = document.caretRangeFromPoint(ev.clientX, ev.clientY);
    if (range) {
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    transfer(ev.dataTransfer, 'drop');
  });

  /* ---- commands ----------------------------------------------------------------------------- */

  function exec (name, value) {
    return document.execCommand(name, false, value === undefined ? '' : value);
  }

  function insertHTML (markup) {
    return change(function () {
      return exec('insertHTML', markup);
    });
  }

  function insertText (text) {
    return change(function () {
      return exec('insertText', text);
    });
  }

  function toggleQuote () {
    const quote = closest('blockquote');
    if (!quote)
      return exec('formatBlock', '<blockquote>');
    const sel = saveSel();
    const parent = quote.parentNode;
    if (!quote.querySelector('p, h2, h3, h4, ul, ol, table, figure')) {
      const p = document.createElement('p');
      while (quote.firstChild)
        p.appendChild(quote.firstChild);
      parent.replaceChild(p, quote);
    } else {
      while (quote.firstChild)
        parent.insertBefore(quote.firstChild, quote);
      parent.removeChild(quote);
    }
    restoreSel(sel);
    return true;
  }

  /* The document's top-level blocks the selection touches. */
  function topBlocks () {
    const sel = getSelection();
    if (!sel.rangeCount)
      return [];
    const range = sel.getRangeAt(0);
    return Array.from(doc.children).filter(function (el) { return range.intersectsNode(el); });
  }

  /* The selection as node objects (they survive being moved, unlike a live range). */
  function markSel () {
    const sel = getSelection();
    if (!sel.rangeCount)
      return null;
    const r = sel.getRangeAt(0);
    return { a: r.startContainer, ao: r.startOffset, b: r.endContainer, bo: r.endOffset };
  }

  function sameMark (a, b) {
    return !!a && !!b && a.a === b.a && a.ao === b.ao && a.b === b.b && a.bo === b.bo;
  }

  function restoreMark (mark) {
    if (!mark || !doc.contains(mark.a) || !doc.contains(mark.b))
      return;
    const range = document.createRange();
    range.setStart(mark.a, Math.min(mark.ao, nodeLength(mark.a)));
    range.setEnd(mark.b, Math.min(mark.bo, nodeLength(mark.b)));
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function moveChildren (from, to) {
    while (from.firstChild)
      to.appendChild(from.firstChild);
    if (!to.firstChild)
      to.appendChild(document.createElement('br'));
  }

  /* Lists are built here, not by WebKit (whose lists end up inside <p>): the paragraphs
   * touched become items of one list; a list of the same kind becomes paragraphs again; a
   * list of the other kind changes kind. Tables, figures and rules are left as they are. */
  function toggleList (tag) {
    const blocks = topBlocks();
    if (!blocks.length)
      return false;
    const mark = markSel();
    if (blocks.every(function (b) { return b.localName === tag; })) {
      for (const list of blocks) {
        for (const li of Array.from(list.children)) {
          const p = document.createElement('p');
          moveChildren(li, p);
          list.before(p);
        }
        list.remove();
      }
    } else {
      let list = null;
      for (const b of blocks) {
        const name = b.localName;
        if (name === 'ul' || name === 'ol') {
          if (!list) {
            list = document.createElement(tag);
            b.before(list);
          }
          for (const li of Array.from(b.children))
            list.appendChild(li);
          b.remove();
        } else if (['p', 'h2', 'h3', 'h4', 'blockquote', 'div'].includes(name)) {
          if (!list) {
            list = document.createElement(tag);
            b.before(list);
          }
          const li = document.createElement('li');
          moveChildren(b, li);
          list.appendChild(li);
          b.remove();
        } else {
          list = null;
        }
      }
    }
    restoreMark(mark);
    return true;
  }

  /* A rule, with a paragraph after it when it ends the document (to go on typing). */
  function insertRule () {
    if (!exec('insertHorizontalRule'))
      return false;
    const last = doc.lastElementChild;
    if (last && last.localName === 'hr') {
      const p = document.createElement('p');
      p.appendChild(document.createElement('br'));
      last.after(p);
      caretTo(p, false);
    }
    return true;
  }

  function setLink (url) {
    const link = linkAt();
    if (link) {
      link.setAttribute('href', url);
      return true;
    }
    const sel = getSelection();
    if (!sel.rangeCount)
      return false;
    if (sel.isCollapsed) {
      const a = document.createElement('a');
      a.setAttribute('href', url);
      a.textContent = url;
      return exec('insertHTML', a.outerHTML);
    }
    return exec('createLink', url);
  }

  function unlink () {
    const link = linkAt();
    if (link) {
      const range = document.createRange();
      range.selectNode(link);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    return exec('unlink');
  }

  function emptyCell (tag) {
    const cell = document.createElement(tag || 'td');
    cell.appendChild(document.createElement('br'));
    return cell;
  }

  function tableInsert (value) {
    const m = /^(\d+)x(\d+)$/.exec(value || '');
    const rows = m ? Math.min(parseInt(m[1], 10), 100) : 0;
    const cols = m ? Math.min(parseInt(m[2], 10), 20) : 0;
    if (rows < 1 || cols < 1)
      return false;
    let markup = '<table><tbody>';
    for (let r = 0; r < rows; r++)
      markup += '<tr>' + '<td><br></td>'.repeat(cols) + '</tr>';
    markup += '</tbody></table>';
    if (!exec('insertHTML', markup))
      return false;
    /* the caret goes to the first cell of the new table */
    const tables = doc.querySelectorAll('table');
    for (const t of tables) {
      if (t.rows.length === rows && t.rows[0].cells.length === cols && t.textContent === '') {
        caretTo(t.rows[0].cells[0], false);
        if (!t.nextElementSibling) {
          const p = document.createElement('p');
          p.appendChild(document.createElement('br'));
          t.after(p);
        }
        break;
      }
    }
    return true;
  }

  function tableEdit (what) {
    const cell = closest('td, th');
    if (!cell)
      return false;
    const row = cell.parentElement;
    const table = cell.closest('table');
    const index = cell.cellIndex;
    if (what === 'row-add') {
      const tr = document.createElement('tr');
      for (const c of row.cells)
        tr.appendChild(emptyCell(c.localName));
      row.after(tr);
      caretTo(tr.cells[Math.min(index, tr.cells.length - 1)], false);
    } else if (what === 'column-add') {
      for (const r of table.rows) {
        const ref = r.cells[Math.min(index, r.cells.length - 1)];
        const c = emptyCell(ref ? ref.localName : 'td');
        if (ref)
          ref.after(c);
        else
          r.appendChild(c);
      }
      caretTo(row.cells[index + 1], false);
    } else if (what === 'row-remove') {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      if (!table.rows.length)
        return removeTable(table);
      caretTo(next.cells[Math.min(index, next.cells.length - 1)], false);
    } else if (what === 'column-remove') {
      for (const r of Array.from(table.rows)) {
        if (r.cells[index])
          r.cells[index].remove();
      }
      if (!table.rows[0] || !table.rows[0].cells.length)
        return removeTable(table);
      caretTo(row.cells[Math.min(index, row.cells.length - 1)], false);
    } else {
      return false;
    }
    return true;
  }

  function removeTable (table) {
    const p = document.createElement('p');
    p.appendChild(document.createElement('br'));
    table.replaceWith(p);
    caretTo(p, false);
    return true;
  }

  const commands = {
    'paragraph': function () { return exec('formatBlock', '<p>'); },
    'heading-2': function () { return exec('formatBlock', '<h2>'); },
    'heading-3': function () { return exec('formatBlock', '<h3>'); },
    'heading-4': function () { return exec('formatBlock', '<h4>'); },
    'bold': function () { return exec('bold'); },
    'italic': function () { return exec('italic'); },
    'underline': function () { return exec('underline'); },
    'bulleted-list': function () { return toggleList('ul'); },
    'numbered-list': function () { return toggleList('ol'); },
    'quote': toggleQuote,
    'link': setLink,
    'unlink': unlink,
    'rule': insertRule,
    'clear-format': function () { return exec('removeFormat'); },
    'table-insert': tableInsert,
    'table-row-add': function () { return tableEdit('row-add'); },
    'table-row-remove': function () { return tableEdit('row-remove'); },
    'table-column-add': function () { return tableEdit('column-add'); },
    'table-column-remove': function () { return tableEdit('column-remove'); },
  };

  /* ---- find and replace ------------------------------------------------------------------- */

  function textIndex () {
    const walker = document.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
    const nodes = [];
    const starts = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n);
      starts.push(text.length);
      text += n.data;
    }
    return { text: text, nodes: nodes, starts: starts };
  }

  function pointAt (index, offset, atEnd) {
    /* the text node and offset of the flat @offset (the end of a node for a match's end) */
    let lo = 0;
    let hi = index.nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (index.starts[mid] < offset || (!atEnd && index.starts[mid] === offset))
        lo = mid;
      else
        hi = mid - 1;
    }
    return { node: index.nodes[lo], offset: offset - index.starts[lo] };
  }

  function flatOffset (container, offset) {
    const range = document.createRange();
    range.setStart(doc, 0);
    try {
      range.setEnd(container, offset);
    } catch (e) {
      return 0;
    }
    return range.toString().length;
  }

  function rangeOf (index, start, length) {
    const a = pointAt(index, start, false);
    const b = pointAt(index, start + length, true);
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  function find (text, backwards) {
    if (!text)
      return false;
    endTyping();
    const index = textIndex();
    const sel = getSelection();
    let from = 0;
    if (sel.rangeCount && doc.contains(sel.getRangeAt(0).startContainer)) {
      const r = sel.getRangeAt(0);
      from = backwards ? flatOffset(r.startContainer, r.startOffset)
        : flatOffset(r.endContainer, r.endOffset);
    }
    let at = backwards ? (from > 0 ? index.text.lastIndexOf(text, from - 1) : -1)
      : index.text.indexOf(text, from);
    if (at < 0)
      at = backwards ? index.text.lastIndexOf(text) : index.text.indexOf(text);
    if (at < 0)
      return false;
    sel.removeAllRanges();
    sel.addRange(rangeOf(index, at, text.length));
    const el = sel.anchorNode && sel.anchorNode.parentElement;
    if (el)
      el.scrollIntoView({ block: 'nearest' });
    scheduleState();
    return true;
  }

  function replace (text, replacement) {
    const sel = getSelection();
    if (text && sel.rangeCount && !sel.isCollapsed && sel.toString() === text)
      insertText(replacement);
    return find(text, false);
  }

  function replaceAll (text, replacement) {
    if (!text)
      return 0;
    return change(function () {
      const index = textIndex();
      const found = [];
      for (let at = index.text.indexOf(text); at >= 0; at = index.text.indexOf(text, at + text.length))
        found.push(at);
      for (let i = found.length - 1; i >= 0; i--) {
        const range = rangeOf(index, found[i], text.length);
        range.deleteContents();
        if (replacement)
          range.insertNode(document.createTextNode(replacement));
      }
      doc.normalize();
      return found.length;
    });
  }

  /* ---- what C calls -------------------------------------------------------------------------- */

  window.toa = {
    setHTML: function (markup) {
      composing = null;
      doc.innerHTML = markup || '<p><br></p>';
      ensureBlock();
      undoStack = [];
      redoStack = [];
      typing = false;
      committed = doc.innerHTML;
      caretTo(doc.firstElementChild || doc, false);
      lastState = '';
      pushHtml(true);
      pushState();
      return true;
    },
    html: function () {
      if (composing) {
        /* (the typing run goes on: its undo step must not hold the preedit) */
        pushHtml();
        return composing.html;
      }
      endTyping();
      pushHtml();
      return html();
    },
    run: function (name, value) {
      if (name === 'undo')
        return undo();
      if (name === 'redo')
        return redo();
      const command = commands[name];
      if (!command)
        return false;
      doc.focus();
      return !!change(function () { return command(value); });
    },
    insertHTML: insertHTML,
    insertText: insertText,
    find: find,
    replace: replace,
    replaceAll: replaceAll,
    state: state,
  };

  exec('styleWithCSS', false);
  exec('defaultParagraphSeparator', 'p');
  post({ type: 'ready' });
  pushState();
})();
