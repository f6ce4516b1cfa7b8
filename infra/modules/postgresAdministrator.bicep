// Makes the database identity (databaseIdentity.bicep) the PostgreSQL server's Microsoft Entra administrator. Its
// own module because the resource is named after the identity's object id, known only once the identity exists:
// What-If cannot predict it, and keeping it apart keeps the server itself predictable.
@description('PostgreSQL flexible server (postgres.bicep).')
param serverName string

@description('The identity: name (the PostgreSQL role name) and object id.')
param identityName string

param identityPrincipalId string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: serverName
}

resource administrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: identityPrincipalId
  properties: {
    principalType: 'ServicePrincipal'
    principalName: identityName
    tenantId: subscription().tenantId
  }
}
