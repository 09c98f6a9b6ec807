// Builds DOM nodes from data without innerHTML, so nothing a service or event message contains is ever parsed as markup.
/* global document, Node */

/** h('div', {class: 'x', onclick}, child, ...): children are nodes, strings or arrays of them; null/false are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    // Styles through the CSSOM, never a style attribute: a Content-Security-Policy without 'unsafe-inline' allows it.
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** SVG elements need their namespace. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

/** Replaces a container's content. */
export const mount = (el, ...children) => {
  el.replaceChildren();
  append(el, children);
};

export const fmtTime = (ms) => (ms ? new Date(ms).toLocaleTimeString([], { hour12: false }) : '');
export const fmtNum = (v, digits = 1) => (typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toFixed(digits))) : '–');
