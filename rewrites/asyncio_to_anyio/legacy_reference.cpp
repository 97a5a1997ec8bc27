// AM900 legacy-reference: every asyncio reference no other rule handled is a legacy
// site, so nothing is silently missed. Detection only: this rule never rewrites.
#include <map>

#include "rewrites/asyncio_to_anyio/common.h"

namespace anymig::asyncio_to_anyio {

namespace {

struct Known {
    SiteStatus status;
    const char* category;
    const char* hint;
};

const std::map<std::string, Known, std::less<>>& table() {
    static const std::map<std::string, Known, std::less<>> t = {
        {"get_event_loop", {SiteStatus::NoEquivalent, "event-loop", "anyio has no event loop object: start with anyio.run(), and use anyio.to_thread / anyio.from_thread for threads"}},
        {"get_running_loop", {SiteStatus::NoEquivalent, "event-loop", "anyio has no event loop object: use anyio.to_thread.run_sync() instead of run_in_executor, anyio.current_time() instead of loop.time()"}},
        {"new_event_loop", {SiteStatus::NoEquivalent, "event-loop", "anyio has no event loop object: start with anyio.run()"}},
        {"set_event_loop", {SiteStatus::NoEquivalent, "event-loop", "anyio has no event loop object: start with anyio.run()"}},
        {"get_event_loop_policy", {SiteStatus::NoEquivalent, "event-loop", "event loop policies are asyncio-only: anyio.run(..., backend_options=...) configures the backend"}},
        {"set_event_loop_policy", {SiteStatus::NoEquivalent, "event-loop", "event loop policies are asyncio-only: anyio.run(..., backend_options=...) configures the backend"}},
        {"AbstractEventLoop", {SiteStatus::NoEquivalent, "event-loop", "anyio has no event loop type"}},
        {"Future", {SiteStatus::NoEquivalent, "future", "anyio has no Future in released versions: use an anyio.Event with a result attribute, or a memory object stream"}},
        {"run_coroutine_threadsafe", {SiteStatus::NoEquivalent, "threads", "use anyio.from_thread.run() (or a BlockingPortal) from the worker thread"}},
        {"wrap_future", {SiteStatus::NoEquivalent, "future", "anyio has no Future: run blocking work with anyio.to_thread.run_sync()"}},
        {"all_tasks", {SiteStatus::NoEquivalent, "create-task", "anyio tasks have no handle objects to enumerate: keep the task group instead"}},
        {"Task", {SiteStatus::NoEquivalent, "create-task", "anyio tasks have no handle objects: own them with a task group"}},
        {"current_task", {SiteStatus::NotYetMigrated, "create-task", "anyio.get_current_task() returns a TaskInfo, not a Task"}},
        {"gather", {SiteStatus::NotYetMigrated, "gather", "run the awaitables in an anyio task group (async with anyio.create_task_group() as tg)"}},
        {"wait", {SiteStatus::NotYetMigrated, "gather", "run the awaitables in an anyio task group"}},
        {"as_completed", {SiteStatus::NotYetMigrated, "gather", "use a task group that sends results into a memory object stream"}},
        {"wait_for", {SiteStatus::NotYetMigrated, "wait-for", "use `with anyio.fail_after(t):` around the awaited call"}},
        {"timeout", {SiteStatus::NotYetMigrated, "wait-for", "use `with anyio.fail_after(t):`"}},
        {"timeout_at", {SiteStatus::NotYetMigrated, "wait-for", "use `with anyio.fail_after(deadline - anyio.current_time()):`"}},
        {"create_task", {SiteStatus::NotYetMigrated, "create-task", "start the task in a task group that owns it: tg.start_soon(func, *args)"}},
        {"ensure_future", {SiteStatus::NotYetMigrated, "create-task", "start the task in a task group that owns it: tg.start_soon(func, *args)"}},
        {"TaskGroup", {SiteStatus::NotYetMigrated, "create-task", "use anyio.create_task_group()"}},
        {"to_thread", {SiteStatus::NotYetMigrated, "threads", "use anyio.to_thread.run_sync(func, *args)"}},
        {"shield", {SiteStatus::NotYetMigrated, "shield", "use `with anyio.CancelScope(shield=True):`"}},
        {"Queue", {SiteStatus::NotYetMigrated, "queue", "use anyio.create_memory_object_stream() (note: Queue(0) is unbounded, a stream of 0 is a rendezvous)"}},
        {"create_subprocess_exec", {SiteStatus::NotYetMigrated, "subprocess", "use anyio.run_process(..., check=False) or anyio.open_process()"}},
        {"create_subprocess_shell", {SiteStatus::NotYetMigrated, "subprocess", "use anyio.run_process(..., check=False) or anyio.open_process()"}},
        {"subprocess", {SiteStatus::NotYetMigrated, "subprocess", "use the subprocess module's constants with anyio.run_process()"}},
        {"open_connection", {SiteStatus::NotYetMigrated, "sockets", "use anyio.connect_tcp()"}},
        {"start_server", {SiteStatus::NotYetMigrated, "sockets", "use anyio.create_tcp_listener() and listener.serve()"}},
    };
    return t;
}

}  // namespace

extern const PyRule kLegacyReference{
    {"AM900", "legacy-reference", "legacy",
     "Report every asyncio reference no rule migrated (detection only)", FixSafety::ReviewOnly},
    {},
    {},
    [](Context& ctx, const PyRule& rule) {
        for (const python::Reference* ref : ctx.model.referencesTo("asyncio")) {
            if (ctx.claimed(*ref)) continue;
            std::string q = ref->qualified;
            std::string first = q.size() > 8 ? q.substr(8) : "";  // after "asyncio."
            first = first.substr(0, first.find('.'));
            auto it = table().find(first);
            SiteStatus status = SiteStatus::NotYetMigrated;
            std::string category = "other", msg;
            if (it != table().end()) {
                status = it->second.status;
                category = it->second.category;
                msg = q + (status == SiteStatus::NoEquivalent ? " has no anyio equivalent: " : " is not migrated: ") +
                      it->second.hint;
            } else if (q == "asyncio") {
                msg = "the asyncio module is used as a value; migrate by hand";
            } else {
                msg = q + " is not migrated by the asyncio-to-anyio pack";
            }
            ctx.flag(rule.info, ref->node, status, msg, category);
        }
        // A star import hides which names come from asyncio.
        for (TSNode n : ctx.syntax.namedNodes()) {
            if (!python::is(n, "import_from_statement")) continue;
            if (ctx.text(python::field(n, "module_name")) != "asyncio") continue;
            for (TSNode c : python::namedChildren(n))
                if (python::is(c, "wildcard_import"))
                    ctx.flag(rule.info, n, SiteStatus::NeedsReview,
                             "`from asyncio import *` hides which names come from asyncio: import them by name",
                             "import");
        }
    }};

}  // namespace anymig::asyncio_to_anyio
