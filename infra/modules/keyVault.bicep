// Key Vault holding every secret the app reads. Access is Azure RBAC only (the app's identity gets Key Vault
// Secrets User in functionApp.bicep). This module writes the two secrets the deployment itself knows (the
// PostgreSQL and Redis connection strings); the provider secrets are set by the operator (README "Deploy").
@description('Azure region of the resources.')
param location string

@description('Vault name (globally unique, 3-24 characters).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Soft-deleted secrets are kept this long (days).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Name of the existing PostgreSQL flexible server (postgres.bicep).')
param postgresServerName string

@description('Database the app uses.')
param postgresDatabaseName string

@description('Login the app connects with.')
param postgresLogin string

@secure()
param postgresPassword string

@description('Name of the existing Azure Cache for Redis (redis.bicep).')
param redisCacheName string

@description('Secret names, shared with functionApp.bicep so the references and the secrets cannot drift.')
param secretNames object

param tags object

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: postgresServerName
}

resource redis 'Microsoft.Cache/redis@2024-03-01' existing = {
  name: redisCacheName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// VerifyFull: Azure's server certificates chain to public roots present in the Functions image.
resource postgresConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.postgresConnectionString
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Port=5432;Database=${postgresDatabaseName};Username=${postgresLogin};Password=${postgresPassword};SSL Mode=VerifyFull'
    contentType: 'Npgsql connection string'
  }
}

resource redisConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.redisConnectionString
  properties: {
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
    contentType: 'StackExchange.Redis configuration'
  }
}

output vaultId string = vault.id
output vaultName string = vault.name
output vaultUri string = vault.properties.vaultUri
