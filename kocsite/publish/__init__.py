"""Stage 7, publish: what goes to git and CI — what a change between two revisions does, for the PR
comment (`diff`, rendered by `diff_report`), and a new brand's repository with its workflows
(`init`, from `templates/`). May import everything below, including kocsite.site."""
