// Runs the sandbox's Stripe.js stand-in in Node with a minimal fake DOM, as a page would use it, and prints what
// happened as JSON: node fake-browser.js <script url> <setup|payment> <client secret> <card number|-> <complete|fail>
// Not a browser: it checks the script's logic and markup (labels, dialog attributes, focus), not rendering.
'use strict';
const vm = require('vm');

const [scriptUrl, kind, clientSecret, cardNumber, answer] = process.argv.slice(2);

class FakeElement {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.attributes = {};
    this.listeners = {};
    this.textContent = '';
    this.value = '';
    this.parentNode = null;
    this.open = false;
  }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  append(...nodes) {
    for (const node of nodes) {
      if (typeof node === 'string') {
        this.textContent += node;
      } else {
        node.parentNode = this;
        this.children.push(node);
      }
    }
  }
  appendChild(node) { this.append(node); return node; }
  remove() {
    if (this.parentNode) {
      this.parentNode.children = this.parentNode.children.filter(child => child !== this);
      this.parentNode = null;
    }
  }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
  dispatch(type) { for (const listener of this.listeners[type] || []) listener({ type, preventDefault() {} }); }
  focus() { document.activeElement = this; }
  blur() { document.activeElement = document.body; }
  contains(node) { return node === this || this.children.some(child => child.contains(node)); }
  get isConnected() { let node = this; while (node.parentNode) node = node.parentNode; return node === document.body || node === document.head; }
  showModal() { this.open = true; setTimeout(() => onDialog(this), 0); }
  close() { this.open = false; }
  findAll(predicate) { return [this].filter(predicate).concat(...this.children.map(child => child.findAll(predicate))); }
}

const head = new FakeElement('head');
const body = new FakeElement('body');
global.window = global;
global.document = {
  currentScript: { src: scriptUrl },
  head,
  body,
  activeElement: body,
  createElement: tag => new FakeElement(tag),
  getElementById: id => [head, body].flatMap(root => root.findAll(element => element.id === id))[0] || null,
  querySelector: () => null,
};

let dialogSeen = null;
function onDialog(dialog) {
  const buttons = dialog.findAll(element => element.tagName === 'BUTTON');
  const titleId = dialog.getAttribute('aria-labelledby');
  dialogSeen = {
    role: dialog.getAttribute('role'),
    ariaModal: dialog.getAttribute('aria-modal'),
    name: dialog.findAll(element => element.id === titleId).map(element => element.textContent)[0] || null,
    buttons: buttons.map(button => button.textContent),
    focused: document.activeElement.textContent,
    open: dialog.open,
  };
  const target = buttons.find(button => button.textContent === (answer === 'complete' ? 'Complete authentication' : 'Fail authentication'));
  target.dispatch('click');
  dialogSeen.removedAfterAnswer = !dialog.isConnected;
}

(async () => {
  const source = await (await fetch(scriptUrl)).text();
  vm.runInThisContext(source, { filename: 'stripe-v3.js' });
  const stripe = window.Stripe('pk_test_sandbox');
  const opener = new FakeElement('button');
  body.appendChild(opener);
  opener.focus();
  let outcome;
  let labels = [];
  let lastChange = null;
  if (kind === 'setup') {
    const card = stripe.elements().create('card');
    const ready = new Promise(resolve => card.on('ready', resolve));
    card.on('change', event => { lastChange = event; });
    const host = new FakeElement('div');
    body.appendChild(host);
    card.mount(host);
    await ready;
    const inputs = {};
    for (const label of host.findAll(element => element.tagName === 'LABEL')) {
      const input = label.children.find(child => child.tagName === 'INPUT');
      labels.push({ text: label.textContent, matchesInput: label.htmlFor === input.id });
      inputs[label.textContent] = input;
    }
    if (cardNumber !== '-') {
      for (const [name, value] of [['Card number', cardNumber], ['Expiry date', '12 / 99'], ['CVC', '123']]) {
        inputs[name].value = value;
        inputs[name].dispatch('input');
      }
    }
    outcome = await stripe.confirmCardSetup(clientSecret, { payment_method: { card, billing_details: { name: 'Ada Lovelace' } } });
  } else {
    outcome = await stripe.confirmCardPayment(clientSecret);
  }
  const summary = intent => (intent ? { id: intent.id, status: intent.status } : null);
  console.log(JSON.stringify({
    setupIntent: summary(outcome.setupIntent),
    paymentIntent: summary(outcome.paymentIntent),
    error: outcome.error ? { type: outcome.error.type, code: outcome.error.code || null, message: outcome.error.message } : null,
    labels,
    lastChange: lastChange && { complete: lastChange.complete, empty: lastChange.empty },
    dialog: dialogSeen,
    focusRestored: document.activeElement === opener,
  }));
})().catch(error => {
  console.error(error && error.stack || String(error));
  process.exit(1);
});
