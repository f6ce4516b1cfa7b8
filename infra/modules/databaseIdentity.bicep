// The database identity: a user-assigned managed identity that is PostgreSQL's Microsoft Entra administrator
// (postgres.bicep). The Function App wears it next to its system-assigned identity (functionApp.bicep), and so does
// the deploy agent that runs the migrate step: one role signs in for both, so the tables the migrations create
// belong to the role the app queries them as. Whoever deploys the app's code can already act as the app.
@description('Azure region of the identity.')
param location string

@description('Identity name; also the PostgreSQL role name (the connection string\'s Username).')
param identityName string

param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
