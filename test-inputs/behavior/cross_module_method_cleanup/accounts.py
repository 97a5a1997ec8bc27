class AccountService:
    # The ledger is injected: this module never names its class.
    def __init__(self, ledger):
        self.ledger = ledger

    async def transfer(self, src, dst, amount, slow=False):
        await self.ledger.begin()
        return await self.ledger.commit(src, dst, amount, slow)
