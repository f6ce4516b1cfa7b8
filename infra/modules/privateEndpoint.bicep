// One private door into a data store: a private endpoint in the endpoints subnet, the privatelink DNS zone of its
// service linked to the virtual network, and the zone group that writes the endpoint's A record into the zone.
// Inside the network, the store's usual host name (…blob.core.windows.net) then resolves to the private address.
@description('Azure region of the endpoint.')
param location string

@description('Private endpoint name.')
param endpointName string

@description('Resource id of the data store.')
param serviceId string

@description('Sub-resource the endpoint connects to: blob, queue, table, vault, redisCache.')
param groupId string

@description('Private DNS zone of that sub-resource, e.g. privatelink.vaultcore.azure.net.')
param dnsZoneName string

@description('Virtual network the zone is linked to (network.bicep).')
param vnetId string

@description('Subnet of the private endpoints (network.bicep).')
param subnetId string

param tags object

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: dnsZoneName
  location: 'global'
  tags: tags
}

resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: zone
  name: 'vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnetId }
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: endpointName
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: endpointName
        properties: {
          privateLinkServiceId: serviceId
          groupIds: [ groupId ]
        }
      }
    ]
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: { privateDnsZoneId: zone.id }
      }
    ]
  }
}
