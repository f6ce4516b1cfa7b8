// The app's non-secret settings, typed so that a parameter file missing one (or misspelling one) fails to
// compile. functionApp.bicep maps each field to its app setting; secrets never appear here (Key Vault).

@export()
@description('Every non-secret app setting of AutoBooking, grouped like the options classes.')
type appConfig = {
  @description('Redis__KeyPrefix')
  redisKeyPrefix: string
  @description('DurableTaskHubName: the Durable task hub (host.json reads %DurableTaskHubName%); unique per environment and slot sharing a storage account.')
  durableTaskHubName: string
  duffel: {
    @description('https://api.duffel.com in production')
    baseUrl: string
    timeoutSeconds: int
    maxRetries: int
    retryBaseDelayMilliseconds: int
    maxRateLimitWaitSeconds: int
    @description('Longest a reconciliation scan of Duffel orders may take (Duffel__OrderScanBudgetSeconds)')
    orderScanBudgetSeconds: int
  }
  stripe: {
    @description('https://api.stripe.com in production')
    apiBase: string
    maxNetworkRetries: int
    timeoutSeconds: int
  }
  resend: {
    @description('https://api.resend.com in production')
    apiUrl: string
    from: string
    timeoutSeconds: int
    maxRetries: int
    retryBaseDelayMilliseconds: int
    maxRateLimitWaitSeconds: int
    supportContact: string
  }
  pii: {
    @description('Key version new PII is encrypted with; must be one of keyVersions.')
    activeKeyVersion: string
    @description('Every key version still needed to read old data; each has a Key Vault secret pii-key-<version>.')
    keyVersions: string[]
  }
  auth: {
    issuer: string
    audience: string
    @description('The identity provider\'s OpenID Connect metadata; empty: the auth-signing-key secret (development issuer) is used instead.')
    metadataAddress: string
  }
  monitor: {
    @description('NCRONTAB of the monitor sweep')
    schedule: string
    batchSize: int
    claimLeaseMinutes: int
    checkIntervalMinutes: int
    sharedSearchSeconds: int
    sharedSearchWaitSeconds: int
    @description('How long one sweep keeps claiming batches (inside the function timeout)')
    sweepBudgetSeconds: int
    @description('Queue sends a sweep keeps in flight')
    enqueueConcurrency: int
    @description('Provider searches all instances together may start per minute (shared Redis window)')
    providerSearchesPerMinute: int
    @description('Duffel look-to-book allowance: searches per booked order')
    lookToBookAllowance: int
    @description('Share of watched trips expected to book (percent): the check budget of each trip')
    expectedBookingPercent: int
  }
  @description('The traveler-email outbox sender (README "Traveler emails: the outbox")')
  outbox: {
    @description('NCRONTAB of the outbox sender timer')
    schedule: string
    batchSize: int
    leaseSeconds: int
    retryBaseSeconds: int
    retryMaxSeconds: int
    @description('An email unsent this long raises the unsent-email alert')
    alertAfterMinutes: int
    @description('An email unsent this long is given up (inside Resend\'s 24 h idempotency window)')
    giveUpAfterHours: int
    immediateSendTimeoutSeconds: int
  }
  booking: {
    offerExpiryBufferMinutes: int
    @description('Comma-separated waits, e.g. 10,60,240')
    orderLookUpScheduleSeconds: string
    approvalTimeoutSeconds: int
    authenticationTimeoutSeconds: int
    @description('Frontend confirm-payment page; must contain {tripId}')
    paymentConfirmUrl: string
    stepMaxAttempts: int
    stepFirstRetryMilliseconds: int
    stepMaxRetryIntervalSeconds: int
    stepRetryTimeoutSeconds: int
    @description('Comma-separated waits, e.g. 30,60,120,300,600,1200')
    settleRetryScheduleSeconds: string
  }
  reconciler: {
    @description('NCRONTAB of the reconciler timer')
    schedule: string
    batchSize: int
    leaseMinutes: int
    quietMinutes: int
    maxSagaMinutes: int
    recheckMinutes: int
    orderSettleMinutes: int
    holdEscalationHours: int
  }
  retention: {
    @description('NCRONTAB of the daily retention job')
    schedule: string
    @description('Traveler PII of a finished trip is anonymised this many days after its last flight')
    travelerPiiDays: int
    @description('Offers expired this many days ago are deleted (unless a booking attempt used them)')
    expiredOfferDays: int
    @description('Raw provider payloads of offers last seen this many hours ago are dropped (support only)')
    rawPayloadHours: int
    @description('Monitor check events (search_completed) older than this many days are deleted (not those of a trip with a booking attempt)')
    monitorEventDays: int
    batchSize: int
    budgetSeconds: int
  }
  api: {
    maxActiveTripsPerUser: int
  }
  features: {
    @description('FeatureManagement__auto_booking_pipeline_enabled')
    pipelineEnabled: bool
    @description('FeatureManagement__auto_booking_kill_switch (the kill switch; its former name auto_booking_emergency_disable is honoured too)')
    killSwitch: bool
  }
  @description('Browser origins of the frontend (CORS on the Function App).')
  allowedOrigins: string[]
}

@export()
@description('Key Vault secret names. The template writes the Redis connection string; the operator sets the rest.')
type secretNameSet = {
  redisConnectionString: string
  duffelAccessToken: string
  duffelWebhookSecret: string
  stripeSecretKey: string
  stripeWebhookSecret: string
  resendApiKey: string
  authSigningKey: string
  @description('Prefix of the PII keys: <prefix><version>, e.g. pii-key-v1')
  piiKeyPrefix: string
}

@export()
@description('An app setting value that Key Vault resolves (versionless: a rotated secret is picked up without a deploy).')
func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName}/)'
