// Azure Cache for Redis: trip locks and shared searches. TLS only; the connection string (with its access key)
// is written to Key Vault by keyVault.bicep.
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
    publicNetworkAccess: 'Enabled'
  }
}

output cacheId string = cache.id
output cacheName string = cache.name
