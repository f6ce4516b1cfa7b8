// Azure Cache for Redis: trip locks and shared searches. TLS only, reached through a private endpoint (unless the
// environment opts into publicDataAccess). The connection string (with its access key) is written to Key Vault by
// keyVault.bicep: Entra authentication for Redis needs a client library this project cannot restore (README).
@description('Azure region of the resources.')
param location string

@description('Cache name (globally unique).')
param cacheName string

@allowed([ 'Basic', 'Standard', 'Premium' ])
param skuName string

@allowed([ 'C', 'P' ])
param skuFamily string

@minValue(0)
@maxValue(6)
param skuCapacity int

@description('Cheap experiments only: public endpoint on (access key still required), no private endpoint.')
param publicAccess bool

@description('Virtual network of the private DNS zone (network.bicep).')
param vnetId string

@description('Subnet of the private endpoints (network.bicep).')
param endpointSubnetId string

param tags object

resource cache 'Microsoft.Cache/redis@2024-03-01' = {
  name: cacheName
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuFamily
      capacity: skuCapacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    redisVersion: '6'
    publicNetworkAccess: publicAccess ? 'Enabled' : 'Disabled'
  }
}

module endpoint 'privateEndpoint.bicep' = if (!publicAccess) {
  name: 'pe-${cacheName}'
  params: {
    location: location
    endpointName: 'pe-${cacheName}'
    serviceId: cache.id
    groupId: 'redisCache'
    dnsZoneName: 'privatelink.redis.cache.windows.net'
    vnetId: vnetId
    subnetId: endpointSubnetId
    tags: tags
  }
}

output cacheId string = cache.id
output cacheName string = cache.name
