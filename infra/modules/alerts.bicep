// Alerts for what the README runbook names: log-based (scheduled queries over Application Insights traces,
// matching the app's own alert log lines) and platform metrics (5xx, database, cache). All go to one action
// group that emails the on-call address.
@description('Base name of the resources, e.g. autobooking-prod.')
param baseName string

@description('Email address of the on-call engineer.')
param alertEmail string

@description('Application Insights component (monitoring.bicep).')
param appInsightsId string

@description('Function App (functionApp.bicep).')
param functionAppName string

@description('PostgreSQL flexible server (postgres.bicep).')
param postgresServerName string

@description('Azure Cache for Redis (redis.bicep).')
param redisCacheName string

@description('Region of the log alerts (the region of Application Insights).')
param location string

param tags object

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: postgresServerName
}

resource redis 'Microsoft.Cache/redis@2024-03-01' existing = {
  name: redisCacheName
}

resource onCall 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${baseName}-oncall'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'abOnCall'
    enabled: true
    emailReceivers: [
      {
        name: 'on-call'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// severity: 0 critical .. 4 verbose. One rule per alert of the app's registry (AutoBooking.Infrastructure.Telemetry.Alerts:
// same name and severity; the query matches the start of its log message, which no other log line shares). A test
// (AlertRegistryTests) holds these rules to that list. Queries read the rendered log message (never PII: the app logs
// ids only). The last two rules catch any Critical log and a burst of errors, whatever their message.
var logAlerts = [
  {
    name: 'booking-needs-attention'
    description: 'Runbook "An attempt needs attention": event 9001, the saga flagged the attempt (money may be held).'
    severity: 0
    query: 'traces | where message startswith "ALERT booking attempt "'
    windowMinutes: 5
    threshold: 0
  }
  {
    name: 'booking-not-settled'
    description: 'Runbook "An attempt needs attention": event 9002, the saga could not record the attempt\'s end; the reconciler settles it.'
    severity: 0
    query: 'traces | where message startswith "ALERT saga could not settle booking attempt "'
    windowMinutes: 5
    threshold: 0
  }
  {
    name: 'reconciler-needs-attention'
    description: 'Runbook "The reconciler": event 9003, a saga is gone and a provider could not be asked about its attempt.'
    severity: 0
    query: 'traces | where message startswith "ALERT reconciler flagged booking attempt "'
    windowMinutes: 5
    threshold: 0
  }
  {
    name: 'card-hold-escalated'
    description: 'Runbook "The reconciler": event 9004, a card hold is old and unsettled; settle it before the card network drops it.'
    severity: 1
    query: 'traces | where message startswith "ALERT card hold of attempt "'
    windowMinutes: 5
    threshold: 0
  }
  {
    name: 'schema-behind'
    description: 'Runbook "Start-up": event 9101, the database misses migrations of this build (health answers 503): run the migrate step.'
    severity: 1
    query: 'traces | where message startswith "Database schema is behind this build: "'
    windowMinutes: 5
    threshold: 0
  }
  {
    name: 'postgres-unreachable-at-start'
    description: 'Runbook "Start-up": event 9102, Postgres did not answer at start-up (health answers 503 until it does).'
    severity: 1
    query: 'traces | where message startswith "Postgres unreachable at start-up: schema not checked. The worker runs; health answers 503 until Postgres answers"'
    windowMinutes: 5
    threshold: 0
  }
  {
    name: 'traveler-email-given-up'
    description: 'Runbook "Traveler email unsent": event 9201, a traveler email was given up (outbox).'
    severity: 2
    query: 'traces | where message startswith "ALERT traveler email given up: "'
    windowMinutes: 15
    threshold: 0
  }
  {
    name: 'traveler-email-overdue'
    description: 'Runbook "Traveler email unsent": event 9202, a traveler email is still unsent (outbox).'
    severity: 2
    query: 'traces | where message startswith "ALERT traveler email overdue: "'
    windowMinutes: 15
    threshold: 0
  }
  {
    name: 'poison-message'
    description: 'Runbook "Poison messages": event 9301, a stage message reached its poison queue.'
    severity: 1
    query: 'traces | where message startswith "ALERT poison message on "'
    windowMinutes: 5
    threshold: 0
  }
  {
    name: 'webhook-rejections'
    description: 'Runbook "Webhooks": event 9401, a burst of rejected provider webhooks usually means a rotated secret.'
    severity: 2
    query: 'traces | where message startswith "Rejected a "'
    windowMinutes: 15
    threshold: 10
  }
  {
    name: 'identity-provider-keys'
    description: 'Runbook "Identity provider keys": event 9701, the API cannot fetch the identity provider\'s signing keys and answers 503.'
    severity: 1
    query: 'traces | where message startswith "Cannot fetch the identity provider\'s signing keys; answering 503"'
    windowMinutes: 5
    threshold: 0
  }
  {
    name: 'redis-unavailable-search-budget'
    description: 'Runbook "Provider search spend": event 9501, provider searches run without the shared budget while Redis is down.'
    severity: 3
    query: 'traces | where message startswith "Redis unavailable: provider searches go on without the shared budget"'
    windowMinutes: 15
    threshold: 5
  }
  {
    name: 'redis-unavailable-trip-lock'
    description: 'Runbook "Provider search spend": event 9502, bookings start without the Redis start lock while Redis is down (Postgres decides).'
    severity: 3
    query: 'traces | where message startswith "Redis unavailable: starting the booking of trip "'
    windowMinutes: 15
    threshold: 5
  }
  {
    name: 'retention-failed'
    description: 'Runbook "Retention": event 9601, the daily retention job failed a rule (PII may be kept past its time).'
    severity: 2
    query: 'traces | where message startswith "Retention failed for rule "'
    windowMinutes: 60
    threshold: 0
  }
  {
    name: 'critical-logs'
    description: 'Any Critical log (severityLevel 4), e.g. ticketed but capture failed, paid but not recorded.'
    severity: 1
    query: 'traces | where severityLevel >= 4'
    windowMinutes: 5
    threshold: 0
  }
  {
    name: 'error-logs'
    description: 'Errors (severityLevel >= 3) above the usual background: unknown order outcomes, provider faults.'
    severity: 2
    query: 'traces | where severityLevel >= 3'
    windowMinutes: 15
    threshold: 20
  }
]

resource logRules 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for rule in logAlerts: {
    name: 'alert-${baseName}-${rule.name}'
    location: location
    tags: tags
    properties: {
      displayName: '${baseName}: ${rule.name}'
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [ appInsightsId ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT${rule.windowMinutes}M'
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [ onCall.id ]
      }
    }
  }
]

var metricAlerts = [
  {
    name: 'http-5xx'
    description: 'The Function App answers 5xx (API, webhooks: Duffel and Stripe redeliver, but check why).'
    severity: 1
    scope: site.id
    namespace: 'Microsoft.Web/sites'
    metric: 'Http5xx'
    aggregation: 'Total'
    threshold: 10
  }
  {
    name: 'postgres-cpu'
    description: 'PostgreSQL CPU above 80% (sweep claims, searches).'
    severity: 2
    scope: postgres.id
    namespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
    metric: 'cpu_percent'
    aggregation: 'Average'
    threshold: 80
  }
  {
    name: 'postgres-storage'
    description: 'PostgreSQL storage above 85%: check the retention job ran.'
    severity: 1
    scope: postgres.id
    namespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
    metric: 'storage_percent'
    aggregation: 'Average'
    threshold: 85
  }
  {
    name: 'redis-server-load'
    description: 'Redis server load above 80% (locks, shared searches).'
    severity: 2
    scope: redis.id
    namespace: 'Microsoft.Cache/redis'
    metric: 'serverLoad'
    aggregation: 'Maximum'
    threshold: 80
  }
  {
    name: 'redis-memory'
    description: 'Redis memory above 85%.'
    severity: 2
    scope: redis.id
    namespace: 'Microsoft.Cache/redis'
    metric: 'usedmemorypercentage'
    aggregation: 'Maximum'
    threshold: 85
  }
]

resource metricRules 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for rule in metricAlerts: {
    name: 'alert-${baseName}-${rule.name}'
    location: 'global'
    tags: tags
    properties: {
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [ rule.scope ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            criterionType: 'StaticThresholdCriterion'
            name: rule.name
            metricNamespace: rule.namespace
            metricName: rule.metric
            timeAggregation: rule.aggregation
            operator: 'GreaterThan'
            threshold: rule.threshold
          }
        ]
      }
      autoMitigate: true
      actions: [
        {
          actionGroupId: onCall.id
        }
      ]
    }
  }
]
