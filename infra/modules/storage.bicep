// The storage account of the Functions host: queue triggers (search-requests, booking-requests and their poison
// queues), timers, the Durable task hub (queues, tables, blobs) and the Flex Consumption deployment package.
// Shared keys are off: the app reaches it with its managed identity only. Public network access is off: blob, queue
// and table are reached through private endpoints (unless the environment opts into publicDataAccess).
@description('Azure region of the resources.')
param location string

@description('Globally unique storage account name (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param accountName string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Cheap experiments only: public endpoint on (identity still required), no private endpoints.')
param publicAccess bool

@description('Virtual network of the private DNS zones (network.bicep).')
param vnetId string

@description('Subnet of the private endpoints (network.bicep).')
param endpointSubnetId string

param tags object

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    publicNetworkAccess: publicAccess ? 'Enabled' : 'Disabled'
    networkAcls: {
      defaultAction: publicAccess ? 'Allow' : 'Deny'
      bypass: 'None'
    }
  }
}

// The host uses all three services: blobs (deployment package, Durable leases), queues (triggers, Durable), tables (Durable history).
module endpoints 'privateEndpoint.bicep' = [
  for service in [ 'blob', 'queue', 'table' ]: if (!publicAccess) {
    name: 'pe-${accountName}-${service}'
    params: {
      location: location
      endpointName: 'pe-${accountName}-${service}'
      serviceId: account.id
      groupId: service
      dnsZoneName: 'privatelink.${service}.${environment().suffixes.storage}'
      vnetId: vnetId
      subnetId: endpointSubnetId
      tags: tags
    }
  }
]

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

output accountId string = account.id
output accountName string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
