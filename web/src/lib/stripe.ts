import type { Stripe } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import type { AppConfig } from '../config';

let loading: Promise<Stripe | null> | null = null;

/**
 * Stripe.js for the configured publishable key. With `stripe.jsUrl` set (the local sandbox's stand-in) that script
 * is injected first, so loadStripe finds window.Stripe and never fetches js.stripe.com; without it, the real one.
 */
export function loadConfiguredStripe(config: AppConfig): Promise<Stripe | null> {
  loading ??= (async () => {
    if (config.stripe.jsUrl) {
      await injectScript(config.stripe.jsUrl);
    }
    return loadStripe(config.stripe.publishableKey);
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

function injectScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if ('Stripe' in window) {
      resolve();
      return;
    }
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`Stripe.js could not be loaded from ${src}.`));
    document.head.appendChild(script);
  });
}
