// The offline API reference: renders /api/openapi.json with DOM calls (no external assets).
'use strict';

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function refName(ref) {
  return ref ? ref.split('/').pop() : '';
}

function typeOf(schema) {
  if (!schema) return '';
  if (schema.$ref) return refName(schema.$ref);
  if (schema.oneOf) return schema.oneOf.map(typeOf).join(' | ');
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  return schema.type || 'object';
}

function operation(path, method, op) {
  const params = op.parameters || [];
  const rows = params.map((p) => el('tr', {},
    el('td', {}, el('code', {}, p.name), p.required ? ' *' : ''), el('td', {}, p.in), el('td', {}, el('code', {}, typeOf(p.schema))),
    el('td', {}, p.description || '')));
  const responses = Object.entries(op.responses || {}).map(([code, r]) => {
    const schema = r.content && r.content['application/json'] && r.content['application/json'].schema;
    return el('tr', {}, el('td', {}, code), el('td', {}, r.description || ''), el('td', {}, el('code', {}, typeOf(schema))));
  });
  const body = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
  const example = method === 'get' && !path.includes('{') ? el('a', { href: path }, 'GET ', path) : null;
  return el('section', { class: 'op', id: `${method}-${path}` },
    el('h2', {}, el('span', { class: `method ${method}` }, method.toUpperCase()), path),
    op.summary ? el('p', {}, op.summary) : null,
    op.description && op.description !== op.summary ? el('p', {}, op.description) : null,
    rows.length ? el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'parameter'), el('th', {}, 'in'), el('th', {}, 'type'), el('th', {}, 'description'))), el('tbody', {}, rows)) : null,
    body ? el('p', {}, 'Body: ', el('code', {}, typeOf(body.schema))) : null,
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'status'), el('th', {}, 'description'), el('th', {}, 'body'))), el('tbody', {}, responses)),
    example ? el('p', {}, 'Try: ', example) : null);
}

function schemaSection(name, s) {
  const props = Object.entries(s.properties || {});
  const required = new Set(s.required || []);
  return el('section', { class: 'op', id: `schema-${name}` },
    el('h2', {}, name),
    s.description ? el('p', {}, s.description) : null,
    props.length ? el('table', {}, el('tbody', {}, props.map(([k, v]) => el('tr', {},
      el('td', {}, el('code', {}, k), required.has(k) ? ' *' : ''), el('td', {}, el('code', {}, typeOf(v))), el('td', {}, v.description || ''))))) : null,
    s.enum ? el('p', {}, 'One of: ', el('code', {}, s.enum.join(', '))) : null);
}

async function main() {
  const root = document.getElementById('docs');
  let spec;
  try {
    spec = await (await fetch('/api/openapi.json')).json();
  } catch (e) {
    root.replaceChildren(el('p', { class: 'error' }, `Cannot load /api/openapi.json: ${e.message}`));
    return;
  }
  const ops = [];
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const method of ['get', 'post', 'put', 'delete']) if (item[method]) ops.push(operation(path, method, item[method]));
  }
  const schemas = Object.entries((spec.components && spec.components.schemas) || {}).map(([n, s]) => schemaSection(n, s));
  root.replaceChildren(
    el('h1', {}, spec.info.title, ' ', el('small', {}, spec.info.version), ' · OpenAPI ', spec.openapi),
    el('pre', {}, spec.info.description || ''),
    ...ops,
    el('h1', {}, 'Schemas'),
    ...schemas);
}

document.addEventListener('DOMContentLoaded', main);
