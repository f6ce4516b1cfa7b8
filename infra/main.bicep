// AutoBooking in one resource group: Function App (Flex Consumption, .NET 10 isolated, system-assigned
// identity), Storage (identity-based), PostgreSQL Flexible Server (Microsoft Entra sign-in), Azure Cache for Redis,
// Key Vault (every secret), Log Analytics + Application Insights, and the runbook's alerts. Private networking: the
// app is VNet-integrated, PostgreSQL is VNet-injected, Storage, Key Vault and Redis answer on private endpoints,
// none of the data stores has a public endpoint. One environment per parameter file (infra/env/<name>.bicepparam);
// README "Deploy (Azure)" has the commands and the network drawn. The web app (web/) is a Static Web App whose
// origin the Function App's CORS lets in.
import { appConfig, secretNameSet } from 'modules/types.bicep'

targetScope = 'resourceGroup'

@description('Environment name (dev, prod, ...); part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('PostgreSQL break-glass administrator login; the app signs in with Microsoft Entra instead.')
param postgresAdminLogin string

@secure()
@description('PostgreSQL break-glass administrator password; stored nowhere by the template, never an output.')
param postgresAdminPassword string

@description('Address space of the virtual network (a /22 or larger); four /24 subnets are cut from its start.')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Cheap experiments only, never production: Storage, Key Vault and Redis keep public endpoints (identity or key still required) and get no private endpoints. PostgreSQL stays private either way.')
param publicDataAccess bool = false

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

@description('Region of the web app (Static Web Apps are offered in a few regions only; modules/webApp.bicep).')
@allowed([ 'westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia' ])
param webLocation string = 'westeurope'

@allowed([ 'Free', 'Standard' ])
param webSku string = 'Standard'

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
  vnet: 'vnet-${baseName}'
  databaseIdentity: 'id-${baseName}-db'
  web: 'stapp-${baseName}'
}

var secretNames secretNameSet = {
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

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    location: location
    vnetName: names.vnet
    addressPrefix: vnetAddressPrefix
    tags: allTags
  }
}

module databaseIdentity 'modules/databaseIdentity.bicep' = {
  name: 'databaseIdentity'
  params: {
    location: location
    identityName: names.databaseIdentity
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: names.storage
    deploymentContainerName: deploymentContainerName
    publicAccess: publicDataAccess
    vnetId: network.outputs.vnetId
    endpointSubnetId: network.outputs.subnetIds.endpoints
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
    vnetId: network.outputs.vnetId
    subnetId: network.outputs.subnetIds.postgres
    databaseName: 'autobooking'
    skuName: postgresSku.name
    skuTier: postgresSku.tier
    storageSizeGB: postgresStorageSizeGB
    backupRetentionDays: postgresBackupRetentionDays
    highAvailability: postgresHighAvailability
    tags: allTags
  }
}

// The role is named after the identity; the app's connection string uses that name as Username. A flexible server
// takes one operation at a time: the administrator waits for the database.
module postgresAdministrator 'modules/postgresAdministrator.bicep' = {
  name: 'postgresAdministrator'
  params: {
    serverName: names.postgres
    identityName: names.databaseIdentity
    // The object id exists only once the identity does; this small module is all What-If cannot predict.
    #disable-next-line what-if-short-circuiting
    identityPrincipalId: databaseIdentity.outputs.principalId
  }
  dependsOn: [
    postgres
  ]
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: {
    location: location
    cacheName: names.redis
    skuName: redisSku.name
    skuFamily: redisSku.family
    skuCapacity: redisSku.capacity
    publicAccess: publicDataAccess
    vnetId: network.outputs.vnetId
    endpointSubnetId: network.outputs.subnetIds.endpoints
    tags: allTags
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    vaultName: names.keyVault
    softDeleteRetentionInDays: 90
    redisCacheName: names.redis
    secretNames: secretNames
    publicAccess: publicDataAccess
    vnetId: network.outputs.vnetId
    endpointSubnetId: network.outputs.subnetIds.endpoints
    tags: allTags
  }
  dependsOn: [
    redis
  ]
}

module webApp 'modules/webApp.bicep' = {
  name: 'webApp'
  params: {
    location: webLocation
    siteName: names.web
    skuName: webSku
    tags: allTags
  }
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
    appSubnetId: network.outputs.subnetIds.app
    postgresServerName: names.postgres
    postgresDatabaseName: postgres.outputs.databaseName
    databaseIdentityName: names.databaseIdentity
    config: app
    // The web app's own origin joins the configured ones (custom domains, a developer's localhost).
    webOrigins: [ webApp.outputs.origin ]
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
output webAppName string = webApp.outputs.siteName
output webAppUrl string = webApp.outputs.origin
output keyVaultName string = keyVault.outputs.vaultName
output keyVaultUri string = keyVault.outputs.vaultUri
output postgresServerName string = postgres.outputs.serverName
output postgresFqdn string = postgres.outputs.fqdn
output storageAccountName string = storage.outputs.accountName
output principalId string = functionApp.outputs.principalId
output databaseIdentityName string = names.databaseIdentity
output databaseIdentityClientId string = databaseIdentity.outputs.clientId
output deploySubnetId string = network.outputs.subnetIds.deploy
