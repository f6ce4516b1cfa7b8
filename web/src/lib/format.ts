import type { Money } from '../api/types';

export function formatMoney(money: Money | null | undefined): string {
  if (!money) {
    return '—';
  }
  return formatAmount(money.amount, money.currency);
}

export function formatAmount(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** "2027-01-15" → "15 Jan 2027" (a calendar date, no time zone shift). */
export function formatDate(date: string | null | undefined): string {
  if (!date) {
    return '—';
  }
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) {
    return date;
  }
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) {
    return '—';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "watching_prices" → "watching prices". */
export function humanize(code: string | null | undefined): string {
  return code ? code.replace(/_/g, ' ') : '—';
}

/**
 * Who did something, as the timeline shows it. The API's actor values are stored with every trip event and keep the
 * spelling they were first written with (`traveller`); the page speaks of travelers.
 */
export function actorLabel(actor: string): string {
  return actor === 'traveller' ? 'traveler' : humanize(actor);
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
