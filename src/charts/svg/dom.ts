// SVG as plain data, written as text or shown in a page. A chart is a tree of SvgNodes; in the page,
// draw() makes a box show the tree, changing only the attributes and text that differ from what it
// shows already (an explorer redraws four charts each time a control moves; Plotly.react takes
// 13–25 ms a chart to do that, this well under one); svgText() writes the tree as text.

import { escapeHtml } from "../plotly";

/** An SVG element: its tag, its attributes, and its children, elements or text. */
export interface SvgNode {
  tag: string;
  attributes: Record<string, string | number>;
  children: (SvgNode | string)[];
}

/** An SVG element; an attribute whose value is undefined is left out. */
export function h(
  tag: string,
  attributes: Record<string, string | number | undefined> = {},
  ...children: (SvgNode | string)[]
): SvgNode {
  const set: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) set[name] = value;
  return { tag, attributes: set, children };
}

/**
 * The tree as SVG text: every attribute value and every text escaped.
 *
 * @example
 * svgText(h("text", { x: 1 }, "a < b")); // returns '<text x="1">a &#60; b</text>'
 */
export function svgText(node: SvgNode | string): string {
  if (typeof node === "string") return escapeHtml(node);
  const attributes = Object.entries(node.attributes).map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`);
  const xmlns = node.tag === "svg" ? ' xmlns="http://www.w3.org/2000/svg"' : "";
  return `<${node.tag}${xmlns}${attributes.join("")}>${node.children.map(svgText).join("")}</${node.tag}>`;
}

const SVG = "http://www.w3.org/2000/svg";

/**
 * Makes `box` show the chart `node`: the first time, as new elements; after that, by changing
 * only what differs in the elements it shows, which is most of the time an attribute or a text.
 */
export function draw(box: Element, node: SvgNode): void {
  const shown = box.firstElementChild;
  if (box.childNodes.length === 1 && shown?.namespaceURI === SVG && shown.tagName === node.tag) patch(shown, node);
  else box.replaceChildren(create(node));
}

function create(node: SvgNode | string): Node {
  if (typeof node === "string") return document.createTextNode(node);
  const element = document.createElementNS(SVG, node.tag);
  for (const [name, value] of Object.entries(node.attributes)) element.setAttribute(name, String(value));
  element.append(...node.children.map(create));
  return element;
}

function patch(element: Element, node: SvgNode): void {
  for (const name of element.getAttributeNames())
    if (!Object.hasOwn(node.attributes, name)) element.removeAttribute(name);
  for (const [name, value] of Object.entries(node.attributes)) {
    if (element.getAttribute(name) !== String(value)) element.setAttribute(name, String(value));
  }
  const shown = element.childNodes;
  node.children.forEach((child, i) => {
    const old = shown[i];
    if (typeof child === "string" && old?.nodeType === Node.TEXT_NODE) {
      if (old.nodeValue !== child) old.nodeValue = child;
    } else if (typeof child !== "string" && old instanceof Element && old.tagName === child.tag) patch(old, child);
    else if (old) element.replaceChild(create(child), old);
    else element.append(create(child));
  });
  while (shown.length > node.children.length) element.lastChild?.remove();
}
