-- Argo CD health check for cpaas.enablex.io/CpaasProject, on the conditions kstatus (and so Flux) reads too
-- (docs/reference.md, "Conditions"). Suspended: reconciliation paused, or the project itself suspended while
-- ready. Progressing: deleting, no status yet, the status has not caught up with the generation, or
-- Reconciling=True (creating, applying, rotating the key, retrying a passing failure). Degraded: Stalled=True (a
-- reason that needs a person or a spec change). Healthy: Ready=True at the current generation. Always returns a
-- message.
local hs = {}

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
local stalled = condition(status, "Stalled")
local reconciling = condition(status, "Reconciling")
local observed = status.observedGeneration or 0

if observed < generation or (ready ~= nil and ready.observedGeneration ~= nil and ready.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(stalled, "Stalled")
  return hs
end

if reconciling ~= nil and reconciling.status == "True" then
  hs.status = "Progressing"
  hs.message = describe(reconciling, "Reconciling")
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
