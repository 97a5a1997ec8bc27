# tree-sitter-python#256: continuation lines inside brackets indented less than their statement
# (after an operator, a dot, a colon, `=`): valid Python that anymig used to refuse.
import asyncio


async def main(g, bar, baz):
    await asyncio.sleep(1 +
 1)
    value = await asyncio.wait_for(g(), timeout=(1 *
 2))
    d = {1:
2}
    k = sorted([value], key=lambda v:
v)
    if value:
        x = (bar +
# a comment at column 0
  baz)
        return (value.
  result, x, d, k)
    return None
