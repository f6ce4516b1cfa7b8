// The reference web app (web/): an Azure Static Web App serving the production build (web/dist) with its
// config.json. It is the browser origin the Function App's CORS lets in (main.bicep adds its host name to
// app.allowedOrigins). The site holds no secret: it signs in with the identity provider (OIDC, PKCE) and calls the
// API with the user's token. Static Web Apps run in a few regions only, hence a location of its own.
@description('Static Web Apps region (the service is offered in these only).')
@allowed([ 'westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia' ])
param location string

@description('Static Web App name.')
param siteName string

@description('Free has no SLA and no custom-domain certificates beyond the default; Standard for production.')
@allowed([ 'Free', 'Standard' ])
param skuName string

param tags object

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: siteName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    // Deployed from the repository's build with a deployment token (README "Deploy (Azure)"), not from a linked repo.
    provider: 'None'
    // No preview environments: every build that is not main would be another public origin.
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

@description('The site\'s default host name, e.g. nice-sea-0a1b2c3d4.5.azurestaticapps.net.')
output defaultHostName string = site.properties.defaultHostname

@description('The browser origin of the site, for the Function App\'s CORS.')
output origin string = 'https://${site.properties.defaultHostname}'

output siteName string = site.name
