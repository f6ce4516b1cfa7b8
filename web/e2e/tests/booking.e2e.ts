import { accessToken, addCard, addTraveler, checkPage, createTrip, expect, signIn, test, uniqueUser, type TestControl } from './support';
import type { Page, TestInfo } from '@playwright/test';

// The journeys that need a saved card (the Stripe.js stand-in) and the background pipeline (/_test/run).
// Each uses a destination of its own: every /_test/run checks every watching trip, so a fare pinned for one journey
// must not book another's trip.

async function travelerWithCard(page: Page, testInfo: TestInfo, prefix: string, card?: string, authenticate = false): Promise<string> {
  const user = uniqueUser(prefix);
  await signIn(page, testInfo, user);
  await addTraveler(page, testInfo);
  await addCard(page, testInfo, card, authenticate);
  return user;
}

async function expectBooked(page: Page, testInfo: TestInfo, tripId: string): Promise<void> {
  await page.goto(`/trips/${tripId}`);
  const booking = page.getByRole('region', { name: 'Booking' });
  await expect(booking).toBeVisible();
  const link = booking.getByRole('link', { name: /View booking/ });
  await expect(link).toBeVisible();
  await expect(page.getByRole('region', { name: 'Price history' }).getByRole('img', { name: 'Price history chart' })).toBeVisible();
  await checkPage(page, testInfo, 'trip-booked');
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: /^Booking [A-Z0-9]+$/ })).toBeVisible();
  await checkPage(page, testInfo, 'booking');
}

async function run(control: TestControl, tripId: string) {
  const stages = await control.runStages();
  return stages.attempts.find((a) => a.tripId === tripId);
}

test('a saved card and a trip; a fare drop in the sandbox books it, shown on the trip page with the price chart', async ({ page, control }, testInfo) => {
  await travelerWithCard(page, testInfo, 'drop');
  await control.pinFare('LHR', 'CDG', 640);
  const tripId = await createTrip(page, testInfo, control, { destination: 'CDG', maxPrice: 500 });
  await checkPage(page, testInfo, 'trip-new');

  expect(await run(control, tripId)).toBeUndefined(); // 640 > 500: checked, nothing bought
  await page.reload();
  await expect(page.getByRole('region', { name: 'Latest check' })).toBeVisible();
  await checkPage(page, testInfo, 'trip-checked-too-dear');

  await control.pinFare('LHR', 'CDG', 420);
  const attempt = await run(control, tripId);
  expect(attempt?.status).toBe('succeeded');
  await expectBooked(page, testInfo, tripId);
});

test('approval mode: the fare is held until the traveler approves it', async ({ page, control }, testInfo) => {
  await travelerWithCard(page, testInfo, 'approve');
  await control.pinFare('LHR', 'AMS', 380);
  const tripId = await createTrip(page, testInfo, control, { destination: 'AMS', maxPrice: 500, approval: true });

  expect((await run(control, tripId))?.waitsFor).toBe('approval');
  await page.reload();
  const approval = page.getByRole('region', { name: 'Approval' });
  await expect(approval).toBeVisible();
  await checkPage(page, testInfo, 'trip-awaiting-approval');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(approval.getByRole('status')).toBeVisible();

  expect((await run(control, tripId))?.status).toBe('succeeded');
  await expectBooked(page, testInfo, tripId);
});

test('3-D Secure: the confirm link from the email, confirmed in the stand-in dialog, completes the booking', async ({ page, control }, testInfo) => {
  // Stripe's 4000 0027 6000 3184: authenticates when saved, and again on every payment (off-session too).
  await travelerWithCard(page, testInfo, 'sca', '4000 0027 6000 3184', true);
  await control.pinFare('LHR', 'MAD', 300);
  const tripId = await createTrip(page, testInfo, control, { destination: 'MAD', maxPrice: 500 });

  expect((await run(control, tripId))?.waitsFor).toBe('authentication');
  const emails = await control.emails();
  const link = emails
    .map((e) => /href="([^"]*\/trips\/[^"]*\/confirm-payment[^"]*)"/.exec(e.html ?? '')?.[1] ?? /(http\S*\/confirm-payment)/.exec(e.text ?? '')?.[1])
    .find((href) => href?.includes(tripId));
  expect(link, `a confirm link for ${tripId} in ${emails.map((e) => e.subject).join(' | ')}`).toBeTruthy();

  await page.goto(link!.replaceAll('&amp;', '&'));
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your payment' })).toBeVisible();
  await checkPage(page, testInfo, 'confirm-payment');
  await page.getByRole('button', { name: 'Confirm payment' }).click();
  const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
  await expect(dialog).toBeVisible();
  await checkPage(page, testInfo, 'payment-3ds-dialog');
  await dialog.getByRole('button', { name: 'Complete authentication' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment confirmed' })).toBeVisible();
  await checkPage(page, testInfo, 'payment-confirmed');

  expect((await run(control, tripId))?.status).toBe('succeeded');
  await expectBooked(page, testInfo, tripId);
});

test('a stale edit is refused (412) and says the trip changed', async ({ page, request, control }, testInfo) => {
  await travelerWithCard(page, testInfo, 'stale');
  await control.pinFare('LHR', 'DUB', 900);
  const tripId = await createTrip(page, testInfo, control, { destination: 'DUB', maxPrice: 500 });

  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit trip' })).toBeVisible();
  await checkPage(page, testInfo, 'edit-trip');

  // Meanwhile, elsewhere (another device), the same traveler pauses the trip.
  const paused = await request.post(`/api/trips/${tripId}/pause`, { headers: { Authorization: `Bearer ${await accessToken(page)}` } });
  expect(paused.status(), await paused.text()).toBeLessThan(300);

  await page.getByLabel('Maximum price').fill('450');
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/trips/${tripId}`) && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Save changes' }).click();
  expect((await answered).status()).toBe(412);
  await expect(page.getByRole('alert').filter({ hasText: 'This trip changed since you opened it' })).toBeVisible();
  await checkPage(page, testInfo, 'edit-trip-stale');
});

test('export and delete: the traveler downloads their data, then deletes the account', async ({ page, control }, testInfo) => {
  await travelerWithCard(page, testInfo, 'gdpr');
  await control.pinFare('LHR', 'BCN', 900);
  await createTrip(page, testInfo, control, { destination: 'BCN', maxPrice: 500 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My data' })).toBeVisible();
  await checkPage(page, testInfo, 'my-data');
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my data' }).click();
  const download = await downloaded;
  const path = testInfo.outputPath('export.json');
  await download.saveAs(path);
  const exported = JSON.parse(await (await import('node:fs/promises')).readFile(path, 'utf8'));
  expect(JSON.stringify(exported)).toContain('Lovelace');
  expect(JSON.stringify(exported)).toContain('BCN');

  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your personal data was deleted.' })).toBeVisible();
  await checkPage(page, testInfo, 'my-data-deleted');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Travelers' }).click();
  await expect(page.getByText('Lovelace')).toHaveCount(0);
});

test('an operator settles an attempt that needs attention', async ({ page, control, browser }, testInfo) => {
  await travelerWithCard(page, testInfo, 'unlucky');
  await control.pinFare('LHR', 'FCO', 350);
  const tripId = await createTrip(page, testInfo, control, { destination: 'FCO', maxPrice: 500 });
  await control.failNextOrder();
  expect((await run(control, tripId))?.status).toBe('needs_attention');
  // An hour later: long enough for Duffel's "no such order" to count as proof that none was made.
  await control.ageAttempts(60);

  const operatorContext = await browser.newContext();
  const ops = await operatorContext.newPage();
  try {
    await signIn(ops, testInfo, uniqueUser('olivia'), true);
    await ops.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operator' }).click();
    await expect(ops.getByRole('heading', { level: 1, name: 'Operator console' })).toBeVisible();
    await checkPage(ops, testInfo, 'operator-console');
    const attemptLink = ops.getByRole('table').getByRole('link', { name: /^Attempt / }).first();
    await attemptLink.click();
    await expect(ops.getByRole('heading', { level: 1, name: /^Attempt / })).toBeVisible();
    await checkPage(ops, testInfo, 'operator-attempt');
    // No order was made and the card is on hold: reconciling releases the hold and puts the trip back to watching.
    await ops.getByRole('button', { name: 'Reconcile' }).click();
    const outcome = ops.getByRole('region', { name: 'Outcome' });
    await expect(outcome).toBeVisible();
    await expect(outcome.getByRole('status')).toContainText('done');
    await expect(ops.getByRole('region', { name: 'Facts' })).not.toContainText('needs attention');
    await checkPage(ops, testInfo, 'operator-reconciled');
    await ops.getByRole('link', { name: 'Back to the operator console' }).click();
    await expect(ops.getByRole('heading', { level: 1, name: 'Operator console' })).toBeVisible();
    await expect(ops.getByRole('link', { name: /^Attempt / })).toHaveCount(0);
    await checkPage(ops, testInfo, 'operator-console-settled');
  } finally {
    await operatorContext.close();
  }
});
