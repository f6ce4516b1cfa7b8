/*
 * AutoBooking provider sandbox: a stand-in for Stripe.js v3 (https://js.stripe.com/v3) for local development and
 * browser tests. It implements the subset the web app uses (web-contract.md §2) against the sandbox's Stripe API,
 * the way Stripe.js calls Stripe's: publishable key and the intent's client_secret, form-encoded (no CORS preflight).
 *   Stripe(publishableKey) → elements().create('card') → mount / unmount / destroy / focus / on('change'|'ready')
 *   confirmCardSetup(clientSecret, {payment_method: {card: element, billing_details}})
 *   confirmCardPayment(clientSecret, data?, {handleActions}?)
 *   retrieveSetupIntent / retrievePaymentIntent(clientSecret)
 * A card that needs 3-D Secure opens a modal dialog ("3D Secure authentication") with "Complete authentication" and
 * "Fail authentication"; the answer goes to the sandbox (next_action.use_stripe_sdk.stripe_js).
 * Plain ES2020, no build step. Test cards: 4242 4242 4242 4242 (succeeds), 4000 0025 0000 3155 (authentication),
 * 4000 0027 6000 3184 (authentication, also off-session), 4000 0000 0000 0002 (declined).
 */
(function () {
  'use strict';

  const scriptUrl = document.currentScript ? document.currentScript.src : '';
  // The sandbox serves this file at {origin}/stripe-js/v3 and its Stripe API at {origin}/stripe/v1/.
  const apiBase = new URL('/stripe/v1/', scriptUrl || window.location.href).href;
  const cardData = new WeakMap();
  let elementCount = 0;

  const STYLE = `
    .SandboxCardElement { display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
    .SandboxCardElement label { display: flex; flex-direction: column; font: inherit; }
    .SandboxCardElement input { font: inherit; padding: .35rem .5rem; border: 1px solid #767676; border-radius: 4px; }
    .SandboxCardElement input[aria-invalid="true"] { border-color: #b00020; }
    .SandboxCardElement .SandboxCardNumber { min-width: 14rem; }
    .SandboxCardElement .SandboxCardShort { width: 6rem; }
    dialog.SandboxThreeDSecure { max-width: 26rem; padding: 1.5rem; border: 1px solid #444; border-radius: 8px; font: 1rem/1.5 system-ui, sans-serif; }
    dialog.SandboxThreeDSecure::backdrop { background: rgba(0, 0, 0, .5); }
    dialog.SandboxThreeDSecure button { font: inherit; padding: .4rem 1rem; margin: .5rem .5rem 0 0; }`;

  function ensureStyle() {
    if (document.getElementById('sandbox-stripe-js-style')) {
      return;
    }
    const style = document.createElement('style');
    style.id = 'sandbox-stripe-js-style';
    style.textContent = STYLE;
    (document.head || document.body).appendChild(style);
  }

  function digits(value) {
    return value.replace(/\D/g, '');
  }

  function luhn(number) {
    let sum = 0;
    for (let i = 0; i < number.length; i++) {
      let digit = Number(number[number.length - 1 - i]);
      if (i % 2 === 1) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
    }
    return sum % 10 === 0;
  }

  /** The card's state as Stripe's change event reports it, with the first problem (Stripe's wording) if any. */
  function validate(values, touched) {
    const number = digits(values.number);
    const expiry = /^\s*(\d{1,2})\s*\/?\s*(\d{2})\s*$/.exec(values.expiry);
    const cvc = values.cvc.trim();
    const problems = {};
    if (number.length < 12 || number.length > 19) {
      if (touched.number && number.length > 0) {
        problems.number = ['incomplete_number', 'Your card number is incomplete.'];
      }
    } else if (!luhn(number)) {
      problems.number = ['invalid_number', 'Your card number is invalid.'];
    }
    let month = 0;
    let year = 0;
    if (expiry) {
      month = Number(expiry[1]);
      year = 2000 + Number(expiry[2]);
      const now = new Date();
      if (month < 1 || month > 12) {
        problems.expiry = ['invalid_expiry_month', "Your card's expiration month is invalid."];
      } else if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) {
        problems.expiry = ['invalid_expiry_year_past', "Your card's expiration year is in the past."];
      }
    } else if (touched.expiry && values.expiry.trim().length > 0) {
      problems.expiry = ['incomplete_expiry', "Your card's expiration date is incomplete."];
    }
    if (!/^\d{3,4}$/.test(cvc) && touched.cvc && cvc.length > 0) {
      problems.cvc = ['incomplete_cvc', "Your card's security code is incomplete."];
    }
    const complete = number.length >= 12 && number.length <= 19 && expiry !== null && /^\d{3,4}$/.test(cvc)
      && Object.keys(problems).length === 0;
    const empty = number.length === 0 && values.expiry.trim().length === 0 && cvc.length === 0;
    const first = problems.number || problems.expiry || problems.cvc;
    return {
      complete,
      empty,
      problems,
      error: first ? { type: 'validation_error', code: first[0], message: first[1] } : undefined,
      card: { number, exp_month: month, exp_year: year, cvc },
    };
  }

  function createCardElement() {
    const id = `sandbox-card-${++elementCount}`;
    const handlers = { change: [], ready: [], focus: [], blur: [] };
    const touched = { number: false, expiry: false, cvc: false };
    let container = null;
    let inputs = null;
    let destroyed = false;

    function emit(type, event) {
      for (const handler of handlers[type] || []) {
        handler(event);
      }
    }

    function state() {
      return validate({
        number: inputs ? inputs.number.value : '',
        expiry: inputs ? inputs.expiry.value : '',
        cvc: inputs ? inputs.cvc.value : '',
      }, touched);
    }

    function report() {
      const current = state();
      for (const name of ['number', 'expiry', 'cvc']) {
        inputs[name].setAttribute('aria-invalid', current.problems[name] ? 'true' : 'false');
      }
      emit('change', { elementType: 'card', complete: current.complete, empty: current.empty, error: current.error, value: { postalCode: '' } });
    }

    function field(name, label, className, attributes) {
      const wrapper = document.createElement('label');
      wrapper.htmlFor = `${id}-${name}`;
      wrapper.append(label);
      const input = document.createElement('input');
      input.id = `${id}-${name}`;
      input.type = 'text';
      input.inputMode = 'numeric';
      input.className = className;
      for (const [key, value] of Object.entries(attributes)) {
        input.setAttribute(key, value);
      }
      input.addEventListener('input', report);
      input.addEventListener('blur', () => {
        touched[name] = true;
        report();
        emit('blur', { elementType: 'card' });
      });
      input.addEventListener('focus', () => emit('focus', { elementType: 'card' }));
      wrapper.append(input);
      return { wrapper, input };
    }

    const element = {
      mount(target) {
        if (destroyed) {
          throw new Error('This Element has already been destroyed. Please create a new one.');
        }
        const host = typeof target === 'string' ? document.querySelector(target) : target;
        if (!host) {
          throw new Error(`The selector you specified (${target}) applies to no DOM elements that are currently on the page.`);
        }
        ensureStyle();
        container = document.createElement('div');
        container.className = 'SandboxCardElement StripeElement';
        const number = field('number', 'Card number', 'SandboxCardNumber', { autocomplete: 'cc-number', placeholder: '1234 1234 1234 1234', maxlength: '23' });
        const expiry = field('expiry', 'Expiry date', 'SandboxCardShort', { autocomplete: 'cc-exp', placeholder: 'MM / YY', maxlength: '7' });
        const cvc = field('cvc', 'CVC', 'SandboxCardShort', { autocomplete: 'cc-csc', placeholder: 'CVC', maxlength: '4' });
        inputs = { number: number.input, expiry: expiry.input, cvc: cvc.input };
        container.append(number.wrapper, expiry.wrapper, cvc.wrapper);
        host.appendChild(container);
        setTimeout(() => emit('ready', { elementType: 'card' }), 0);
      },
      unmount() {
        if (container) {
          container.remove();
          container = null;
        }
      },
      destroy() {
        element.unmount();
        destroyed = true;
      },
      focus() {
        if (inputs) {
          inputs.number.focus();
        }
      },
      blur() {
        if (inputs && container.contains(document.activeElement)) {
          document.activeElement.blur();
        }
      },
      clear() {
        if (inputs) {
          for (const input of Object.values(inputs)) {
            input.value = '';
          }
          report();
        }
      },
      update() {},
      on(type, handler) {
        (handlers[type] = handlers[type] || []).push(handler);
        return element;
      },
      off(type, handler) {
        handlers[type] = (handlers[type] || []).filter(h => h !== handler);
        return element;
      },
    };
    element.addEventListener = element.on;
    element.removeEventListener = element.off;
    cardData.set(element, () => state());
    return element;
  }

  function form(fields) {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined && value !== null && value !== '') {
        body.append(key, String(value));
      }
    }
    return body;
  }

  /** One call to the sandbox's Stripe API: the parsed body, or {error} as Stripe.js resolves it. */
  async function call(method, path, fields) {
    const url = new URL(path, apiBase);
    const init = { method, headers: {} };
    if (method === 'GET') {
      url.search = form(fields).toString();
    } else {
      init.body = form(fields);
    }
    let response;
    try {
      response = await fetch(url.href, init);
    } catch (cause) {
      return { error: { type: 'api_connection_error', message: `Could not reach the sandbox Stripe API at ${apiBase} (${cause.message}).` } };
    }
    const body = await response.json().catch(() => ({ error: { type: 'api_error', message: `The sandbox answered ${response.status}.` } }));
    return response.ok ? { body } : { error: body.error || { type: 'api_error', message: `The sandbox answered ${response.status}.` } };
  }

  function intentId(clientSecret, prefix) {
    const match = typeof clientSecret === 'string' ? /^((seti|pi)_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret) : null;
    return match && match[2] === prefix ? match[1] : null;
  }

  function secretError(method, prefix) {
    return { error: { type: 'invalid_request_error', code: 'invalid_client_secret',
      message: `Invalid value for ${method}: the client secret should be of the form ${prefix}_..._secret_....` } };
  }

  /** payment_method (an id, or {card: element, billing_details}) as Stripe's form parameters, or a validation error. */
  function paymentMethodFields(paymentMethod) {
    if (paymentMethod === undefined || paymentMethod === null) {
      return { fields: {} };
    }
    if (typeof paymentMethod === 'string') {
      return { fields: { payment_method: paymentMethod } };
    }
    const read = cardData.get(paymentMethod.card);
    if (!read) {
      return { error: { type: 'invalid_request_error', code: 'invalid_element', message: 'payment_method.card must be a mounted card Element.' } };
    }
    const card = read();
    if (!card.complete) {
      return { error: card.error || { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' } };
    }
    const fields = {
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': card.card.number,
      'payment_method_data[card][exp_month]': card.card.exp_month,
      'payment_method_data[card][exp_year]': card.card.exp_year,
      'payment_method_data[card][cvc]': card.card.cvc,
    };
    const billing = paymentMethod.billing_details || {};
    for (const key of ['name', 'email', 'phone']) {
      fields[`payment_method_data[billing_details][${key}]`] = billing[key];
    }
    return { fields };
  }

  function describe(intent) {
    if (intent.object === 'payment_intent') {
      const amount = new Intl.NumberFormat(undefined, { style: 'currency', currency: intent.currency.toUpperCase() }).format(intent.amount / 100);
      return `Your bank asks you to confirm a payment of ${amount}.`;
    }
    return 'Your bank asks you to confirm that this card may be saved for future payments.';
  }

  /** The modal 3-D Secure challenge: resolves true (complete) or false (fail, or closed with Escape). */
  function challenge(intent) {
    ensureStyle();
    return new Promise(resolve => {
      const opener = document.activeElement;
      const dialog = document.createElement('dialog');
      dialog.className = 'SandboxThreeDSecure';
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-modal', 'true');
      dialog.setAttribute('aria-labelledby', 'sandbox-3ds-title');
      dialog.setAttribute('aria-describedby', 'sandbox-3ds-description');
      const title = document.createElement('h2');
      title.id = 'sandbox-3ds-title';
      title.textContent = '3D Secure authentication';
      const description = document.createElement('p');
      description.id = 'sandbox-3ds-description';
      description.textContent = `${describe(intent)} (AutoBooking sandbox test bank.)`;
      const complete = document.createElement('button');
      complete.type = 'button';
      complete.textContent = 'Complete authentication';
      const fail = document.createElement('button');
      fail.type = 'button';
      fail.textContent = 'Fail authentication';
      dialog.append(title, description, complete, fail);
      let answered = false;
      const answer = value => {
        if (answered) {
          return;
        }
        answered = true;
        if (dialog.open) {
          dialog.close();
        }
        dialog.remove();
        if (opener && opener.isConnected && typeof opener.focus === 'function') {
          opener.focus();
        }
        resolve(value);
      };
      complete.addEventListener('click', () => answer(true));
      fail.addEventListener('click', () => answer(false));
      dialog.addEventListener('cancel', event => {
        event.preventDefault();
        answer(false);
      });
      document.body.appendChild(dialog);
      dialog.showModal();
      complete.focus();
    });
  }

  /** Runs the intent's 3-D Secure step if it has one; answers the intent as it then stands, or {error}. */
  async function handleActions(key, clientSecret, intent) {
    if (intent.status !== 'requires_action') {
      return { body: intent };
    }
    const sdk = intent.next_action && intent.next_action.use_stripe_sdk;
    if (!sdk || !sdk.stripe_js) {
      return { error: { type: 'api_error', message: 'The intent requires an action this stand-in cannot handle.' } };
    }
    const completed = await challenge(intent);
    return call('POST', sdk.stripe_js, { key, client_secret: clientSecret, outcome: completed ? 'complete' : 'fail' });
  }

  /** Stripe.js's result shape: {setupIntent}|{paymentIntent}, or {error} (a failed attempt's error, with the intent). */
  function result(kind, outcome) {
    if (outcome.error) {
      return { error: outcome.error };
    }
    const intent = outcome.body;
    const lastError = kind === 'setupIntent' ? intent.last_setup_error : intent.last_payment_error;
    if (intent.status === 'requires_payment_method' && lastError) {
      return { error: Object.assign({}, lastError, { [kind === 'setupIntent' ? 'setup_intent' : 'payment_intent']: intent }) };
    }
    return { [kind]: intent };
  }

  function Stripe(publishableKey, options) {
    if (typeof publishableKey !== 'string' || !publishableKey.startsWith('pk_')) {
      throw new Error('Please call Stripe() with your publishable key (pk_test_...).');
    }
    const key = publishableKey;

    async function confirm(kind, prefix, clientSecret, data, handle) {
      const method = kind === 'setupIntent' ? 'confirmCardSetup' : 'confirmCardPayment';
      const id = intentId(clientSecret, prefix);
      if (!id) {
        return secretError(method, prefix);
      }
      const paymentMethod = paymentMethodFields(data && data.payment_method);
      if (paymentMethod.error) {
        return { error: paymentMethod.error };
      }
      const path = `${kind === 'setupIntent' ? 'setup_intents' : 'payment_intents'}/${id}/confirm`;
      const confirmed = await call('POST', path, Object.assign({ key, client_secret: clientSecret }, paymentMethod.fields));
      if (confirmed.error || !handle) {
        return result(kind, confirmed);
      }
      return result(kind, await handleActions(key, clientSecret, confirmed.body));
    }

    async function retrieve(kind, prefix, clientSecret) {
      const id = intentId(clientSecret, prefix);
      if (!id) {
        return secretError(kind === 'setupIntent' ? 'retrieveSetupIntent' : 'retrievePaymentIntent', prefix);
      }
      const outcome = await call('GET', `${kind === 'setupIntent' ? 'setup_intents' : 'payment_intents'}/${id}`, { key, client_secret: clientSecret });
      return outcome.error ? { error: outcome.error } : { [kind]: outcome.body };
    }

    return {
      _sandbox: true,
      _options: options || {},
      _registerWrapper() {},
      elements() {
        const created = {};
        return {
          create(type) {
            if (type !== 'card') {
              throw new Error(`The sandbox Stripe.js stand-in has only the 'card' Element, not '${type}'.`);
            }
            if (created.card) {
              throw new Error('Can only create one Element of type card.');
            }
            created.card = createCardElement();
            return created.card;
          },
          getElement(type) {
            return created[type] || null;
          },
        };
      },
      confirmCardSetup(clientSecret, data, opts) {
        return confirm('setupIntent', 'seti', clientSecret, data, !(opts && opts.handleActions === false));
      },
      confirmCardPayment(clientSecret, data, opts) {
        return confirm('paymentIntent', 'pi', clientSecret, data, !(opts && opts.handleActions === false));
      },
      retrieveSetupIntent(clientSecret) {
        return retrieve('setupIntent', 'seti', clientSecret);
      },
      retrievePaymentIntent(clientSecret) {
        return retrieve('paymentIntent', 'pi', clientSecret);
      },
    };
  }

  window.Stripe = Stripe;
})();
