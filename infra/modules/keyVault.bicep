// Key Vault holding every secret the app reads. Access is Azure RBAC only (the app's identity gets Key Vault
// Secrets User in functionApp.bicep). Public network access is off: the app reads it through a private endpoint and
// the operator sets secrets from inside the network (unless the environment opts into publicDataAccess). This module
// writes the one secret the deployment itself knows (the Redis connection string); PostgreSQL needs none (the app
// signs in with Microsoft Entra), the provider secrets are set by the operator (README "Deploy").
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

@description('Name of the existing Azure Cache for Redis (redis.bicep).')
param redisCacheName string

@description('Secret names, shared with functionApp.bicep so the references and the secrets cannot drift.')
param secretNames object

@description('Cheap experiments only: public endpoint on (Entra RBAC still required), no private endpoint.')
param publicAccess bool

@description('Virtual network of the private DNS zone (network.bicep).')
param vnetId string

@description('Subnet of the private endpoints (network.bicep).')
param endpointSubnetId string

param tags object

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
    publicNetworkAccess: publicAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: publicAccess ? 'Allow' : 'Deny'
      bypass: 'None'
    }
  }
}

// The vault's privatelink zone is vaultcore, not vault: its CNAME goes through privatelink.vaultcore.azure.net.
module endpoint 'privateEndpoint.bicep' = if (!publicAccess) {
  name: 'pe-${vaultName}'
  params: {
    location: location
    endpointName: 'pe-${vaultName}'
    serviceId: vault.id
    groupId: 'vault'
    dnsZoneName: 'privatelink.vaultcore.azure.net'
    vnetId: vnetId
    subnetId: endpointSubnetId
    tags: tags
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
