// The Function App on Flex Consumption (.NET 10 isolated worker) with a system-assigned identity, its app
// settings (every setting the app validates: values from appConfig, secrets as Key Vault references) and the
// identity's roles: Storage Blob Data Owner / Queue Data Contributor / Table Data Contributor (host, queue
// triggers, Durable task hub, deployment package) and Key Vault Secrets User. It also wears the database identity
// (databaseIdentity.bicep), the only one PostgreSQL lets in. VNet integration: every outbound call of the app,
// Key Vault references included, leaves through the network's app subnet, where the private endpoints answer.
import { appConfig, secretNameSet, keyVaultReference } from 'types.bicep'

@description('Azure region of the resources.')
param location string

@description('Base name of the resources, e.g. autobooking-prod.')
param baseName string

@description('Function App name (globally unique host name).')
param appName string

@description('Storage account of the host (storage.bicep).')
param storageAccountName string

@description('Blob container of the deployment package.')
param deploymentContainerName string

@description('Key Vault of the secrets (keyVault.bicep).')
param keyVaultName string

@description('Application Insights component (monitoring.bicep).')
param appInsightsName string

@description('Largest number of instances Flex Consumption may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@allowed([ 2048, 4096 ])
param instanceMemoryMB int

@description('Subnet delegated to Microsoft.App/environments (network.bicep).')
param appSubnetId string

@description('PostgreSQL flexible server (postgres.bicep).')
param postgresServerName string

@description('Database the app uses.')
param postgresDatabaseName string

@description('The database identity (databaseIdentity.bicep): the app signs in to PostgreSQL as it.')
param databaseIdentityName string

param config appConfig

@description('Browser origins of the deployed web app (webApp.bicep), allowed next to config.allowedOrigins.')
param webOrigins string[] = []

param secretNames secretNameSet

param tags object

// Built-in role definition ids (stable across tenants).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: postgresServerName
}

resource databaseIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: databaseIdentityName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${baseName}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  // System-assigned: Storage, Key Vault references (the default identity of both). User-assigned: PostgreSQL only.
  identity: {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: {
      '${databaseIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: appSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        allowedOrigins: union(config.allowedOrigins, webOrigins)
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // FUNCTIONS_WORKER_RUNTIME: Flex Consumption takes the worker from here and rejects it as an app setting.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

var principalId = site.identity.principalId

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [ roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor ]: {
    name: guid(storage.id, site.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, site.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

var vaultUri = vault.properties.vaultUri

// Every key of local.settings.sample.json, by its app-setting name (tests/AutoBooking.Deploy.Tests checks it).
var settings = {
  // Identity-based connections: no storage key anywhere.
  AzureWebJobsStorage__accountName: storage.name
  Queues__ConnectionString: storage.properties.primaryEndpoints.queue
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  // No password: the app gets a Microsoft Entra token for the database identity (the role of the same name).
  // VerifyFull: the server's certificate names the public FQDN, which resolves to the private address in the network.
  Postgres__ConnectionString: 'Host=${postgres.properties.fullyQualifiedDomainName};Port=5432;Database=${postgresDatabaseName};Username=${databaseIdentity.name};SSL Mode=VerifyFull'
  Postgres__UseEntraAuthentication: 'true'
  Postgres__ManagedIdentityClientId: databaseIdentity.properties.clientId
  DurableTaskHubName: config.durableTaskHubName
  Redis__ConnectionString: keyVaultReference(vaultUri, secretNames.redisConnectionString)
  Redis__KeyPrefix: config.redisKeyPrefix
  Duffel__BaseUrl: config.duffel.baseUrl
  Duffel__AccessToken: keyVaultReference(vaultUri, secretNames.duffelAccessToken)
  Duffel__TimeoutSeconds: string(config.duffel.timeoutSeconds)
  Duffel__MaxRetries: string(config.duffel.maxRetries)
  Duffel__RetryBaseDelayMilliseconds: string(config.duffel.retryBaseDelayMilliseconds)
  Duffel__MaxRateLimitWaitSeconds: string(config.duffel.maxRateLimitWaitSeconds)
  Duffel__OrderScanBudgetSeconds: string(config.duffel.orderScanBudgetSeconds)
  Duffel__WebhookSecret: keyVaultReference(vaultUri, secretNames.duffelWebhookSecret)
  Stripe__ApiBase: config.stripe.apiBase
  Stripe__SecretKey: keyVaultReference(vaultUri, secretNames.stripeSecretKey)
  Stripe__MaxNetworkRetries: string(config.stripe.maxNetworkRetries)
  Stripe__TimeoutSeconds: string(config.stripe.timeoutSeconds)
  Stripe__WebhookSecret: keyVaultReference(vaultUri, secretNames.stripeWebhookSecret)
  Resend__ApiUrl: config.resend.apiUrl
  Resend__ApiKey: keyVaultReference(vaultUri, secretNames.resendApiKey)
  Resend__From: config.resend.from
  Resend__TimeoutSeconds: string(config.resend.timeoutSeconds)
  Resend__MaxRetries: string(config.resend.maxRetries)
  Resend__RetryBaseDelayMilliseconds: string(config.resend.retryBaseDelayMilliseconds)
  Resend__MaxRateLimitWaitSeconds: string(config.resend.maxRateLimitWaitSeconds)
  Resend__SupportContact: config.resend.supportContact
  Pii__ActiveKeyVersion: config.pii.activeKeyVersion
  Auth__Issuer: config.auth.issuer
  Auth__Audience: config.auth.audience
  Auth__RoleClaim: 'roles'
  Auth__OperatorRole: 'autobooking.operator'
  Monitor__Schedule: config.monitor.schedule
  Monitor__BatchSize: string(config.monitor.batchSize)
  Monitor__ClaimLeaseMinutes: string(config.monitor.claimLeaseMinutes)
  Monitor__CheckIntervalMinutes: string(config.monitor.checkIntervalMinutes)
  Monitor__SharedSearchSeconds: string(config.monitor.sharedSearchSeconds)
  Monitor__SharedSearchWaitSeconds: string(config.monitor.sharedSearchWaitSeconds)
  Monitor__SweepBudgetSeconds: string(config.monitor.sweepBudgetSeconds)
  Monitor__EnqueueConcurrency: string(config.monitor.enqueueConcurrency)
  Monitor__ProviderSearchesPerMinute: string(config.monitor.providerSearchesPerMinute)
  Monitor__LookToBookAllowance: string(config.monitor.lookToBookAllowance)
  Monitor__ExpectedBookingPercent: string(config.monitor.expectedBookingPercent)
  Outbox__Schedule: config.outbox.schedule
  Outbox__BatchSize: string(config.outbox.batchSize)
  Outbox__LeaseSeconds: string(config.outbox.leaseSeconds)
  Outbox__RetryBaseSeconds: string(config.outbox.retryBaseSeconds)
  Outbox__RetryMaxSeconds: string(config.outbox.retryMaxSeconds)
  Outbox__AlertAfterMinutes: string(config.outbox.alertAfterMinutes)
  Outbox__GiveUpAfterHours: string(config.outbox.giveUpAfterHours)
  Outbox__ImmediateSendTimeoutSeconds: string(config.outbox.immediateSendTimeoutSeconds)
  Booking__OfferExpiryBufferMinutes: string(config.booking.offerExpiryBufferMinutes)
  Booking__OrderLookUpScheduleSeconds: config.booking.orderLookUpScheduleSeconds
  Booking__ApprovalTimeoutSeconds: string(config.booking.approvalTimeoutSeconds)
  Booking__AuthenticationTimeoutSeconds: string(config.booking.authenticationTimeoutSeconds)
  Booking__PaymentConfirmUrl: config.booking.paymentConfirmUrl
  Booking__StepMaxAttempts: string(config.booking.stepMaxAttempts)
  Booking__StepFirstRetryMilliseconds: string(config.booking.stepFirstRetryMilliseconds)
  Booking__StepMaxRetryIntervalSeconds: string(config.booking.stepMaxRetryIntervalSeconds)
  Booking__StepRetryTimeoutSeconds: string(config.booking.stepRetryTimeoutSeconds)
  Booking__SettleRetryScheduleSeconds: config.booking.settleRetryScheduleSeconds
  Reconciler__Schedule: config.reconciler.schedule
  Reconciler__BatchSize: string(config.reconciler.batchSize)
  Reconciler__LeaseMinutes: string(config.reconciler.leaseMinutes)
  Reconciler__QuietMinutes: string(config.reconciler.quietMinutes)
  Reconciler__MaxSagaMinutes: string(config.reconciler.maxSagaMinutes)
  Reconciler__RecheckMinutes: string(config.reconciler.recheckMinutes)
  Reconciler__OrderSettleMinutes: string(config.reconciler.orderSettleMinutes)
  Reconciler__HoldEscalationHours: string(config.reconciler.holdEscalationHours)
  Retention__Schedule: config.retention.schedule
  Retention__TravelerPiiDays: string(config.retention.travelerPiiDays)
  Retention__ExpiredOfferDays: string(config.retention.expiredOfferDays)
  Retention__RawPayloadHours: string(config.retention.rawPayloadHours)
  Retention__MonitorEventDays: string(config.retention.monitorEventDays)
  Retention__BatchSize: string(config.retention.batchSize)
  Retention__BudgetSeconds: string(config.retention.budgetSeconds)
  Api__MaxActiveTripsPerUser: string(config.api.maxActiveTripsPerUser)
  FeatureManagement__auto_booking_pipeline_enabled: string(config.features.pipelineEnabled)
  FeatureManagement__auto_booking_kill_switch: string(config.features.killSwitch)
}

// The key ring: one Key Vault secret per version (Pii__Keys__v1, Pii__Keys__v2, ...).
var piiKeys = toObject(config.pii.keyVersions, version => 'Pii__Keys__${version}', version => keyVaultReference(vaultUri, '${secretNames.piiKeyPrefix}${version}'))

// Production validates tokens against the identity provider's metadata; without one, the development issuer's
// HMAC key comes from Key Vault. An empty value would fail validation, so the unused one is left out.
var authKeys = empty(config.auth.metadataAddress)
  ? { Auth__SigningKey: keyVaultReference(vaultUri, secretNames.authSigningKey) }
  : { Auth__MetadataAddress: config.auth.metadataAddress }

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(settings, piiKeys, authKeys)
  // Key Vault references and identity-based storage resolve only once the roles exist.
  dependsOn: [
    storageRoles
    secretsUser
  ]
}

output functionAppName string = site.name
output defaultHostName string = site.properties.defaultHostName
output principalId string = principalId
