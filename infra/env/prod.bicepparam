// Production: zone-redundant PostgreSQL, Standard Redis, live provider endpoints, the identity provider's OIDC metadata.
using '../main.bicep'

param environmentName = 'prod'
param postgresAdminLogin = 'autobooking'
// Set before deploying: export POSTGRES_ADMIN_PASSWORD=... (README "Deploy").
param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param postgresSku = { name: 'Standard_D2ds_v5', tier: 'GeneralPurpose' }
param redisSku = { name: 'Standard', family: 'C', capacity: 1 }
param maximumInstanceCount = 100
param postgresStorageSizeGB = 128
param postgresBackupRetentionDays = 35
param postgresHighAvailability = true
param logRetentionInDays = 90
param alertEmail = 'oncall@autobooking.example'

param app = {
  redisKeyPrefix: 'ab:'
  durableTaskHubName: 'AutoBookingProd'
  duffel: {
    baseUrl: 'https://api.duffel.com'
    timeoutSeconds: 30
    maxRetries: 3
    retryBaseDelayMilliseconds: 500
    maxRateLimitWaitSeconds: 10
    orderScanBudgetSeconds: 120
  }
  stripe: {
    apiBase: 'https://api.stripe.com'
    maxNetworkRetries: 0
    timeoutSeconds: 30
  }
  resend: {
    apiUrl: 'https://api.resend.com'
    from: 'AutoBooking <bookings@autobooking.example>'
    timeoutSeconds: 10
    maxRetries: 3
    retryBaseDelayMilliseconds: 500
    maxRateLimitWaitSeconds: 10
    supportContact: 'support@autobooking.example'
  }
  pii: {
    activeKeyVersion: 'v1'
    keyVersions: [ 'v1' ]
  }
  auth: {
    issuer: 'https://auth.autobooking.example/'
    audience: 'autobooking-api'
    metadataAddress: 'https://auth.autobooking.example/.well-known/openid-configuration'
  }
  monitor: {
    schedule: '0 */10 * * * *'
    batchSize: 200
    claimLeaseMinutes: 15
    checkIntervalMinutes: 60
    sharedSearchSeconds: 3600
    sharedSearchWaitSeconds: 20
    sweepBudgetSeconds: 180
    enqueueConcurrency: 32
    providerSearchesPerMinute: 100
    lookToBookAllowance: 1500
    expectedBookingPercent: 25
  }
  outbox: {
    schedule: '0 */1 * * * *'
    batchSize: 50
    leaseSeconds: 120
    retryBaseSeconds: 30
    retryMaxSeconds: 1800
    alertAfterMinutes: 30
    giveUpAfterHours: 23
    immediateSendTimeoutSeconds: 20
  }
  booking: {
    offerExpiryBufferMinutes: 5
    orderLookUpScheduleSeconds: '10,60,240'
    approvalTimeoutSeconds: 3600
    authenticationTimeoutSeconds: 1800
    paymentConfirmUrl: 'https://app.autobooking.example/trips/{tripId}/confirm-payment'
    stepMaxAttempts: 4
    stepFirstRetryMilliseconds: 2000
    stepMaxRetryIntervalSeconds: 30
    stepRetryTimeoutSeconds: 180
    settleRetryScheduleSeconds: '30,60,120,300,600,1200'
  }
  reconciler: {
    schedule: '0 */5 * * * *'
    batchSize: 50
    leaseMinutes: 10
    quietMinutes: 10
    maxSagaMinutes: 240
    recheckMinutes: 15
    orderSettleMinutes: 30
    holdEscalationHours: 24
  }
  retention: {
    schedule: '0 30 3 * * *'
    travelerPiiDays: 90
    expiredOfferDays: 30
    rawPayloadHours: 168
    monitorEventDays: 90
    batchSize: 500
    budgetSeconds: 240
  }
  api: {
    maxActiveTripsPerUser: 10
  }
  features: {
    pipelineEnabled: true
    killSwitch: false
  }
  allowedOrigins: [ 'https://app.autobooking.example' ]
}
