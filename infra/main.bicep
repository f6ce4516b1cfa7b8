// AutoBooking in one resource group: Function App (Flex Consumption, .NET 10 isolated, system-assigned
// identity), Storage (identity-based), PostgreSQL Flexible Server, Azure Cache for Redis, Key Vault (every
// secret), Log Analytics + Application Insights, and the runbook's alerts. One environment per parameter file
// (infra/env/<name>.bicepparam); README "Deploy" has the commands.
import { appConfig, secretNameSet } from 'modules/types.bicep'

targetScope = 'resourceGroup'

@description('Environment name (dev, prod, ...); part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('PostgreSQL administrator login the app connects with.')
param postgresAdminLogin string

@secure()
@description('PostgreSQL administrator password; written into the Key Vault connection string, never an output.')
param postgresAdminPassword string

@description('PostgreSQL compute, e.g. { name: \'Standard_B1ms\', tier: \'Burstable\' }.')
param postgresSku { name: string, tier: ('Burstable' | 'GeneralPurpose' | 'MemoryOptimized') }

@minValue(32)
param postgresStorageSizeGB int = 32

@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

param postgresHighAvailability bool = false

@description('Azure Cache for Redis SKU.')
param redisSku { name: ('Basic' | 'Standard' | 'Premium'), family: ('C' | 'P'), capacity: int }

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([ 2048, 4096 ])
param instanceMemoryMB int = 2048

@minValue(30)
param logRetentionInDays int = 30

@description('Email of the on-call engineer (alerts).')
param alertEmail string

@description('Every non-secret app setting (modules/types.bicep).')
param app appConfig

param tags object = {}

var baseName = 'autobooking-${environmentName}'
// Globally unique names: storage and vault allow 24 characters, no hyphens in storage.
var suffix = uniqueString(resourceGroup().id, environmentName)
var allTags = union(tags, { application: 'autobooking', environment: environmentName })
var deploymentContainerName = 'app-package'
// Names computed here, not read from module outputs, so What-If can predict every resource (the modules that
// look them up depend on their creators explicitly).
var names = {
  storage: take('stab${environmentName}${suffix}', 24)
  postgres: 'psql-${baseName}-${suffix}'
  redis: 'redis-${baseName}-${suffix}'
  keyVault: take('kv-ab-${environmentName}-${suffix}', 24)
  functionApp: 'func-${baseName}'
  appInsights: 'appi-${baseName}'
}

var secretNames secretNameSet = {
  postgresConnectionString: 'postgres-connection-string'
  redisConnectionString: 'redis-connection-string'
  duffelAccessToken: 'duffel-access-token'
  duffelWebhookSecret: 'duffel-webhook-secret'
  stripeSecretKey: 'stripe-secret-key'
  stripeWebhookSecret: 'stripe-webhook-secret'
  resendApiKey: 'resend-api-key'
  authSigningKey: 'auth-signing-key'
  piiKeyPrefix: 'pii-key-'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-${baseName}'
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: names.storage
    deploymentContainerName: deploymentContainerName
    tags: allTags
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    serverName: names.postgres
    administratorLogin: postgresAdminLogin
    administratorPassword: postgresAdminPassword
    databaseName: 'autobooking'
    skuName: postgresSku.name
    skuTier: postgresSku.tier
    storageSizeGB: postgresStorageSizeGB
    backupRetentionDays: postgresBackupRetentionDays
    highAvailability: postgresHighAvailability
    tags: allTags
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: {
    location: location
    cacheName: names.redis
    skuName: redisSku.name
    skuFamily: redisSku.family
    skuCapacity: redisSku.capacity
    tags: allTags
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    vaultName: names.keyVault
    softDeleteRetentionInDays: 90
    postgresServerName: names.postgres
    postgresDatabaseName: postgres.outputs.databaseName
    postgresLogin: postgresAdminLogin
    postgresPassword: postgresAdminPassword
    redisCacheName: names.redis
    secretNames: secretNames
    tags: allTags
  }
  dependsOn: [
    redis
  ]
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    baseName: baseName
    appName: names.functionApp
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    config: app
    secretNames: secretNames
    tags: allTags
  }
  dependsOn: [
    storage
    keyVault
    monitoring
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    baseName: baseName
    location: location
    alertEmail: alertEmail
    appInsightsId: monitoring.outputs.appInsightsId
    functionAppName: names.functionApp
    postgresServerName: names.postgres
    redisCacheName: names.redis
    tags: allTags
  }
  dependsOn: [
    functionApp
    postgres
    redis
  ]
}

output functionAppName string = functionApp.outputs.functionAppName
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output keyVaultName string = keyVault.outputs.vaultName
output keyVaultUri string = keyVault.outputs.vaultUri
output postgresServerName string = postgres.outputs.serverName
output postgresFqdn string = postgres.outputs.fqdn
output storageAccountName string = storage.outputs.accountName
output principalId string = functionApp.outputs.principalId
