import { addCard, addTraveler, checkPage, expect, signIn, test, uniqueUser } from './support';

test('a new traveler signs in, adds themselves and a card, makes a typo in the trip form, fixes it and creates the trip', async ({ page, control }, testInfo) => {
  await signIn(page, testInfo, uniqueUser('new'));
  await checkPage(page, testInfo, 'trips-empty');
  await addTraveler(page, testInfo);
  await addCard(page, testInfo);
  await control.pinFare('LHR', 'JFK', 900); // above the limit: the trip keeps watching whatever other journeys run

  const { departureDate } = await control.info();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trips' }).click();
  await page.getByRole('link', { name: 'New trip' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New trip' })).toBeVisible();
  await page.getByLabel('From (airport code)').fill('LHR');
  await page.getByLabel('To (airport code)').fill('J1'); // the typo
  await page.getByLabel('Departure date', { exact: true }).fill(departureDate);
  await page.getByLabel('Maximum price').fill('500');
  await page.getByLabel('Currency').fill('GBP');
  await page.getByRole('group', { name: 'Travelers' }).getByRole('checkbox', { name: 'Ada Lovelace' }).check();
  await page.getByLabel(/I agree that AutoBooking books and pays/).check();
  await page.getByRole('button', { name: 'Create trip' }).click();

  // The API's problem names /destination: the message is next to that field, tied to it, and the summary says so.
  const destination = page.getByLabel('To (airport code)');
  await expect(destination).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await destination.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  expect(errorId, `aria-describedby="${describedBy}"`).toBeTruthy();
  await expect(page.locator(`[id="${errorId}"]`)).toBeVisible();
  await expect(page.locator(`[id="${errorId}"]`)).not.toBeEmpty();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('From (airport code)')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Card')).not.toHaveAttribute('aria-invalid', 'true');
  await checkPage(page, testInfo, 'new-trip-typo');

  await destination.fill('JFK');
  await page.getByRole('button', { name: 'Create trip' }).click();
  await expect(page).toHaveURL(/\/trips\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'LHR → JFK' })).toBeVisible();
  await checkPage(page, testInfo, 'trip-created');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trips' }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(2); // the header and this trip
  await checkPage(page, testInfo, 'trips');
});

test("a traveler's token cannot open the operator console", async ({ page }, testInfo) => {
  await signIn(page, testInfo, uniqueUser('nosy'));
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operator' })).toHaveCount(0);
  const answered = page.waitForResponse((r) => r.url().includes('/api/operator/attempts'));
  await page.goto('/operator');
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
  expect((await answered).status()).toBe(403);
  await expect(page.getByRole('table')).toHaveCount(0);
  await checkPage(page, testInfo, 'operator-not-allowed');
});
