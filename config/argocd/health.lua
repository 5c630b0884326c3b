-- Argo CD health check for cpaas.enablex.io/CpaasProject.
-- Healthy: Ready=True at the current generation. Progressing: creating, updating, or the status has not
-- caught up with the generation yet. Degraded: a reason that needs a person or a spec change.
-- Suspended: reconciliation paused, or the project itself suspended. Always returns a message.
local hs = {}

local terminal = {
  InvalidSpec = true, CategoryInvalid = true, SubdomainInvalid = true, SubdomainTaken = true,
  CredentialsRejected = true, CredentialsMissing = true, SecretRefInvalid = true,
  ProjectNotFound = true, AmbiguousProject = true, AlreadyManaged = true,
}

local function condition(status, kind)
  if status == nil or status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    if c.reason ~= nil and c.reason ~= "" then
      return c.reason .. ": " .. c.message
    end
    return c.message
  end
  if c ~= nil and c.reason ~= nil and c.reason ~= "" then
    return c.reason
  end
  return fallback
end

local meta = obj.metadata or {}
local annotations = meta.annotations or {}
local spec = obj.spec or {}
local status = obj.status
local generation = meta.generation or 0

if annotations["cpaas.enablex.io/paused"] == "true" then
  hs.status = "Suspended"
  hs.message = "Reconciliation is paused by the cpaas.enablex.io/paused annotation"
  return hs
end

if meta.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Deleting: the operator is running its finalizer"
  return hs
end

if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe the resource"
  return hs
end

local ready = condition(status, "Ready")
local synced = condition(status, "Synced")
local observed = status.observedGeneration or 0

if ready ~= nil and ready.status == "False" and terminal[ready.reason] then
  hs.status = "Degraded"
  hs.message = describe(ready, "Not ready")
  return hs
end
if synced ~= nil and synced.status == "False" and terminal[synced.reason] then
  hs.status = "Degraded"
  hs.message = describe(synced, "Not synced")
  return hs
end

if observed < generation or (ready ~= nil and ready.observedGeneration ~= nil and ready.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end

if ready.status == "True" then
  if spec.suspended == true then
    hs.status = "Suspended"
    hs.message = "The CPaaS project is suspended (spec.suspended)"
    return hs
  end
  hs.status = "Healthy"
  if status.appId ~= nil then
    hs.message = "Project " .. status.appId .. " is ready"
  else
    hs.message = describe(ready, "Ready")
  end
  return hs
end

hs.status = "Progressing"
hs.message = describe(ready, "Not ready yet")
return hs
