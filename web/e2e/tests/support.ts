import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';

/** What /_test/run answers: one pass of the background stages (see TestControlEndpoints.cs). */
export interface StageRun {
  swept: number;
  searched: number;
  started: number;
  attempts: { tripId: string; status: string; runtime: string; waitsFor: string | null }[];
}

export interface SandboxEmail {
  id: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
}

/** The test host's control endpoints (/_test/*): what no user can do. */
export class TestControl {
  constructor(private readonly request: APIRequestContext) {}

  async info(): Promise<{ origin: string; apiOrigin: string; departureDate: string; sandbox: string; identityIssuer: string }> {
    return (await this.ok(this.request.get('/_test/info'))).json();
  }

  async pinFare(origin: string, destination: string, amount: number, currency = 'GBP'): Promise<void> {
    await this.ok(this.request.post('/_test/fares', { data: { origin, destination, amount, currency } }));
  }

  /** Sweep, search queue, booking queue, the sagas until they end or wait for the traveler, then the outbox. */
  async runStages(): Promise<StageRun> {
    return (await this.ok(this.request.post('/_test/run', { timeout: 120_000 }))).json();
  }

  async deliverOutbox(): Promise<void> {
    await this.ok(this.request.post('/_test/outbox'));
  }

  /** The emails the sandbox's Resend accepted, all of them or those to one address. */
  async emails(to?: string): Promise<SandboxEmail[]> {
    return (await this.ok(this.request.get(to ? `/_test/emails?to=${encodeURIComponent(to)}` : '/_test/emails'))).json();
  }

  /** Lets time pass for the attempts that need attention (the reconciler trusts a missing order only after a while). */
  async ageAttempts(minutes: number): Promise<void> {
    await this.ok(this.request.post(`/_test/attempts/age?minutes=${minutes}`));
  }

  /** The next order creation answers 500: that booking ends needing an operator. */
  async failNextOrder(): Promise<void> {
    await this.ok(this.request.post('/_test/faults/order-outcome-unknown'));
  }

  private async ok(response: Promise<import('@playwright/test').APIResponse>) {
    const answered = await response;
    expect(answered.status(), `${answered.url()}: ${await answered.text()}`).toBeLessThan(300);
    return answered;
  }
}

export const test = base.extend<{ control: TestControl }>({
  // The server's address is known only once global-setup.ts has started it.
  baseURL: async ({}, use) => {
    await use(process.env.E2E_BASE_URL);
  },
  control: async ({ request }, use) => {
    await use(new TestControl(request));
  },
});

export { expect };

/** A user id of this test's own (the sandbox IdP's custom-user form): tests never see each other's data. */
export function uniqueUser(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * The checks every page gets: its one h1 is shown, axe finds no serious or critical violation, and a screenshot
 * is saved as test output (test-results/<test>/<name>.png, attached to the report).
 */
export async function checkPage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).toBeVisible();
  const shot = (shots.get(testInfo) ?? 0) + 1;
  shots.set(testInfo, shot);
  await page.screenshot({ path: testInfo.outputPath(`${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  expect(serious, `axe on ${name} (${page.url()})`).toEqual([]);
}
const shots = new WeakMap<TestInfo, number>();

/** At the sandbox IdP's sign-in page: signs in as someone else (the custom form). */
export async function signInAtSandbox(page: Page, testInfo: TestInfo, userId: string, operator = false): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the AutoBooking sandbox' })).toBeVisible();
  await checkPage(page, testInfo, 'sandbox-sign-in');
  await page.getByLabel('User id').fill(userId);
  if (operator) {
    await page.getByLabel('Operator').check();
  }
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in through the app: "/" → "Sign in" → the sandbox IdP → back on the app's trips page. */
export async function signIn(page: Page, testInfo: TestInfo, userId: string, operator = false): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'AutoBooking' })).toBeVisible();
  await checkPage(page, testInfo, 'home-signed-out');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signInAtSandbox(page, testInfo, userId, operator);
  await expect(page).toHaveURL(/\/trips$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your trips' })).toBeVisible();
}

/** PKCE (RFC 7636) pair for a code flow the test drives itself. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Ada's passport lasts ten years; every sandbox airline that asks for a document takes it. */
export async function addTraveler(page: Page, testInfo: TestInfo, givenName = 'Ada', familyName = 'Lovelace'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Travelers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Travelers' })).toBeVisible();
  await checkPage(page, testInfo, 'travelers');
  const form = page.getByRole('form', { name: 'Add traveler' });
  await form.getByLabel('Title').selectOption('ms');
  await form.getByLabel('Given name').fill(givenName);
  await form.getByLabel('Family name').fill(familyName);
  await form.getByLabel('Date of birth').fill('1990-12-10');
  await form.getByLabel('Gender').selectOption('f');
  await form.getByLabel('Email').fill(`${givenName.toLowerCase()}.${familyName.toLowerCase()}@example.com`);
  await form.getByLabel('Phone').fill('+442080160508');
  await form.getByLabel('Document type').selectOption('passport');
  await form.getByLabel('Document number').fill('533401222');
  await form.getByLabel('Issuing country').fill('GB');
  // Valid well past the test calendar's flights (the airline checks the passport against the last flight), whatever the day.
  const { departureDate } = await (await page.request.get('/_test/info')).json();
  await form.getByLabel('Document expiry date').fill(`${Number(departureDate.slice(0, 4)) + 9}-06-30`);
  await form.getByRole('button', { name: 'Add traveler' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${givenName} ${familyName} was added.` })).toBeVisible();
}

/** Cards page → "Add a card" → the Stripe.js stand-in's card element → "Save card", until the card is listed. */
export async function addCard(page: Page, testInfo: TestInfo, number = '4242 4242 4242 4242', authenticate = false): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cards' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cards' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a card' }).click();
  await page.getByLabel('Card number').fill(number);
  // A card expires against today (as Stripe checks it): five years ahead, whatever the day.
  await page.getByLabel('Expiry date').fill(`12 / ${String((new Date().getFullYear() + 5) % 100).padStart(2, '0')}`);
  await page.getByLabel('CVC').fill('123');
  await checkPage(page, testInfo, 'cards-add');
  await page.getByRole('button', { name: 'Save card' }).click();
  if (authenticate) {
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await expect(dialog).toBeVisible();
    await checkPage(page, testInfo, 'card-3ds-dialog');
    await dialog.getByRole('button', { name: 'Complete authentication' }).click();
  }
  const last4 = number.replace(/\s/g, '').slice(-4);
  await expect(page.getByText(new RegExp(`ending ${last4}`)).first()).toBeVisible({ timeout: 30_000 });
  await checkPage(page, testInfo, 'cards');
}

export interface TripInput {
  destination: string;
  maxPrice: number;
  approval?: boolean;
}

/** New trip for the user's first saved traveler and card, LHR → destination on the test calendar's departure date. */
export async function createTrip(page: Page, testInfo: TestInfo, control: TestControl, trip: TripInput): Promise<string> {
  const { departureDate } = await control.info();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trips' }).click();
  await page.getByRole('link', { name: 'New trip' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New trip' })).toBeVisible();
  await page.getByLabel('From (airport code)').fill('LHR');
  await page.getByLabel('To (airport code)').fill(trip.destination);
  await page.getByLabel('Departure date', { exact: true }).fill(departureDate);
  await page.getByLabel('Maximum price').fill(String(trip.maxPrice));
  await page.getByLabel('Currency').fill('GBP');
  await page.getByRole('group', { name: 'Travelers' }).getByRole('checkbox').first().check();
  if (trip.approval) {
    await page.getByLabel('Ask me to approve each purchase').check();
  }
  await page.getByLabel(/I agree that AutoBooking books and pays/).check();
  await checkPage(page, testInfo, 'new-trip');
  await page.getByRole('button', { name: 'Create trip' }).click();
  await expect(page).toHaveURL(/\/trips\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: `LHR → ${trip.destination}` })).toBeVisible();
  return page.url().split('/').pop()!;
}

/** The signed-in user's access token, where oidc-client-ts keeps it (sessionStorage, key oidc.user:<authority>:<client>). */
export async function accessToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i)!;
      if (key.startsWith('oidc.user:')) {
        return (JSON.parse(sessionStorage.getItem(key)!) as { access_token: string }).access_token;
      }
    }
    return null;
  });
  expect(token, 'a signed-in user in sessionStorage').toBeTruthy();
  return token!;
}
