import store


async def run_job(log, batches):
    # A background job: each batch is saved through the store (this module does not cancel).
    for batch in batches:
        log.append(f"job: batch {batch}")
        await store.save(log, batch)
    log.append("job done")
