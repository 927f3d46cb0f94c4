"""Stage 3, rules: what makes data wrong. One module per family of rules (`campaign`, `koc`, `task`,
`contribution`, `insight`, `settings`, `ledger`, `wallet` for redemptions and levels, `wording` for
advertising-law terms), each yielding
`Finding`s (`finding`) at a path inside the file; `engine` runs the file rules on one file and
extracts the small `facts` the cross-file rules (`programme`) need; `cache` keeps each file's
problems and facts outside the data tree, keyed by content, in a data-only format (`cache_format`:
typed JSON that cannot run code). May import kocsite.core,
kocsite.files and kocsite.models — never a computation: the checker runs ledger verification."""
