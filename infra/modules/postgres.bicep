// Azure Database for PostgreSQL Flexible Server and the app's database, VNet-injected: the server lives in the
// network's postgres subnet, has no public endpoint and no firewall rules, and its name resolves through a private
// DNS zone linked to the network. Sign-in is Microsoft Entra (the database identity is made the Entra administrator
// by postgresAdministrator.bicep); the password login stays only for break-glass.
// Nothing secret leaves this module as an output.
@description('Azure region of the resources.')
param location string

@description('Server name (globally unique).')
param serverName string

@description('Break-glass administrator login (password); the app never uses it.')
param administratorLogin string

@secure()
@description('Break-glass administrator password (from the parameter file\'s environment variable or the command line).')
param administratorPassword string

@description('Virtual network of the private DNS zone (network.bicep).')
param vnetId string

@description('Subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers (network.bicep).')
param subnetId string

@description('Database the app uses.')
param databaseName string

@description('Compute SKU, e.g. Standard_B1ms (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
param skuName string

@allowed([ 'Burstable', 'GeneralPurpose', 'MemoryOptimized' ])
param skuTier string

@minValue(32)
param storageSizeGB int

@minValue(7)
@maxValue(35)
param backupRetentionDays int

@description('Zone-redundant high availability (production).')
param highAvailability bool

param tags object

// VNet injection wants a zone ending in .postgres.database.azure.com; the server's public-looking FQDN is a CNAME
// into it, so connection strings keep the usual host name (and VerifyFull still matches the certificate).
resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${serverName}.private.postgres.database.azure.com'
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

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: serverName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: '16'
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: highAvailability ? 'Enabled' : 'Disabled'
    }
    highAvailability: {
      mode: highAvailability ? 'ZoneRedundant' : 'Disabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: subscription().tenantId
    }
    // Fixed at creation: a server deployed with public access cannot be moved into the network in place (README).
    network: {
      delegatedSubnetResourceId: subnetId
      privateDnsZoneArmResourceId: zone.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [
    link
  ]
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

output serverId string = server.id
output serverName string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
