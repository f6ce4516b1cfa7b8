// Development environment: smallest SKUs, Duffel/Stripe/Resend test modes, the development token issuer.
using '../main.bicep'

param environmentName = 'dev'
param postgresAdminLogin = 'autobooking'
// Set before deploying: export POSTGRES_ADMIN_PASSWORD=... (README "Deploy").
param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param postgresSku = { name: 'Standard_B1ms', tier: 'Burstable' }
param redisSku = { name: 'Basic', family: 'C', capacity: 0 }
param maximumInstanceCount = 10
// Cheap experiments only: true drops the five private endpoints (about $37/month, README "Deploy (Azure)") and opens
// Storage, Key Vault and Redis to the internet (identity, RBAC or access key still required). PostgreSQL stays
// private. Off unless you flip it here for a throw-away environment; prod never sets it.
param publicDataAccess = false
param alertEmail = 'oncall-dev@autobooking.example'

param app = {
  redisKeyPrefix: 'ab:'
  durableTaskHubName: 'AutoBookingDev'
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
    from: 'AutoBooking (dev) <bookings@dev.autobooking.example>'
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
    issuer: 'https://auth.dev.autobooking.example/'
    audience: 'autobooking-api'
    metadataAddress: ''
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
    paymentConfirmUrl: 'https://app.dev.autobooking.example/trips/{tripId}/confirm-payment'
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
  allowedOrigins: [ 'https://app.dev.autobooking.example', 'http://localhost:5173' ]
}
