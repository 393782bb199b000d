/**
 * Runs in the page (as a string: this code is compiled without the DOM types) and lists what a person
 * with low vision or a screen reader would miss: visible text below 4.5:1 contrast against its
 * background (WCAG AA), and form fields without a label.
 */
export const FIND_UNREADABLE = `(() => {
  const parse = (colour) => {
    const match = /rgba?\\(([^)]+)\\)/.exec(colour);
    if (!match) return null;
    const [r, g, b, a = 1] = match[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (value) => { const v = value / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const backgroundOf = (element) => {
    for (let at = element; at; at = at.parentElement) {
      const colour = parse(getComputedStyle(at).backgroundColor);
      if (colour && colour.a > 0.5) return colour;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const problems = [];
  for (const element of document.querySelectorAll('body *')) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
    if (element.closest('.sr-only')) continue;
    const hasText = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    if (!hasText) continue;
    const [light, dark] = [luminance(parse(getComputedStyle(element).color)), luminance(backgroundOf(element))].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ': ' + element.tagName.toLowerCase() + ' "' + element.textContent.trim().slice(0, 40) + '"');
  }
  for (const field of document.querySelectorAll('input, textarea, select')) {
    if (field.type === 'hidden') continue;
    if (!(field.labels && field.labels.length) && !field.getAttribute('aria-label') && !field.getAttribute('aria-labelledby')) {
      problems.push('no label: ' + field.outerHTML.slice(0, 80));
    }
  }
  return problems;
})()`;
