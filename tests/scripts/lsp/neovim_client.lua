-- Drives `anymig server` from Neovim's built-in LSP client (Neovim 0.7+, run headless):
-- waits for diagnostics, applies the code action for one site, then "fix all safe sites",
-- writes the buffer, and records every step as JSON in $LSP_OUT for the Python test to check.
local anymig, file, out = os.getenv('ANYMIG'), os.getenv('LSP_FILE'), os.getenv('LSP_OUT')
local result = { steps = {} }

local function finish(err)
  result.error = err
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'anymig',
  cmd = { anymig, 'server' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  flags = { debounce_text_changes = 20 },
})
if not client_id then return finish('the client did not start') end
vim.lsp.buf_attach_client(bufnr, client_id)

local function snapshot()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(list, string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, code or '-', d.message))
  end
  table.sort(list)
  return list
end

-- Waits until the diagnostics differ from `previous` (a snapshot), up to 20 s.
local function wait_for_change(previous)
  local before = table.concat(previous or {}, '\n')
  return vim.wait(20000, function()
    local now = snapshot()
    return #now > 0 and table.concat(now, '\n') ~= before
  end, 20)
end

local function actions(range)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = range,
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 20000) or {}
  local all = {}
  for _, r in pairs(responses) do
    for _, a in ipairs(r.result or {}) do table.insert(all, a) end
  end
  return all
end

local function apply(action, name)
  local client = vim.lsp.get_client_by_id(client_id)
  local previous = snapshot()
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  local changed = wait_for_change(previous)
  table.insert(result.steps, {
    name = name, title = action.title, diagnostics_changed = changed,
    text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n',
    diagnostics = snapshot(),
  })
end

if not wait_for_change({}) then return finish('no diagnostics within 20 s') end
result.initial = snapshot()

-- 1. The code action of the first fixable site.
local target
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  if d.message:find('^%[fixable') and (not target or d.lnum < target.lnum) then target = d end
end
if not target then return finish('no fixable diagnostic') end
local site = actions({ start = { line = target.lnum, character = target.col },
                       ['end'] = { line = target.end_lnum, character = target.end_col } })
result.site_actions = {}
for _, a in ipairs(site) do table.insert(result.site_actions, a.title) end
local quickfix
for _, a in ipairs(site) do if a.kind == 'quickfix' and not quickfix then quickfix = a end end
if not quickfix then return finish('no quickfix action for the site') end
apply(quickfix, 'site')

-- 2. "Fix all safe sites in this file".
local whole = actions({ start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } })
local fix_all
for _, a in ipairs(whole) do if a.title:find('fix all safe sites', 1, true) then fix_all = a end end
if not fix_all then return finish('no "fix all safe sites" action') end
apply(fix_all, 'fix-all-safe')

vim.cmd('write')
vim.lsp.stop_client(client_id)
finish(nil)
