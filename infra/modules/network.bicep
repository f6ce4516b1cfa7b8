// The environment's virtual network. Four /24 subnets cut from the address space:
//   app        Function App VNet integration (Flex Consumption: delegated to Microsoft.App/environments)
//   postgres   PostgreSQL Flexible Server, VNet-injected (delegated to Microsoft.DBforPostgreSQL/flexibleServers)
//   endpoints  private endpoints of Storage, Key Vault and Redis
//   deploy     the deploy agent that runs the migrate step and sets Key Vault secrets (README "Deploy (Azure)")
// The private DNS zones live with the data stores they answer for (postgres.bicep, privateEndpoint.bicep).
@description('Azure region of the resources.')
param location string

@description('Virtual network name.')
param vnetName string

@description('Address space of the network, at least a /22 (e.g. 10.40.0.0/16); the subnets are its first four /24s.')
param addressPrefix string

param tags object

// Outbound internet stays on for the app (Duffel, Stripe, Resend, the identity provider's keys) and for PostgreSQL
// (it reaches Microsoft Entra to check tokens): new subnets may default to no outbound access.
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [ addressPrefix ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          defaultOutboundAccess: true
          delegations: [
            {
              name: 'flex-consumption'
              properties: { serviceName: 'Microsoft.App/environments' }
            }
          ]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          defaultOutboundAccess: true
          delegations: [
            {
              name: 'postgres-flexible-server'
              properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' }
            }
          ]
        }
      }
      {
        name: 'endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 2)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
      {
        name: 'deploy'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 3)
          defaultOutboundAccess: true
        }
      }
    ]
  }
}

output vnetId string = vnet.id
output subnetIds { app: string, postgres: string, endpoints: string, deploy: string } = {
  app: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'app')
  postgres: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'postgres')
  endpoints: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'endpoints')
  deploy: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'deploy')
}
