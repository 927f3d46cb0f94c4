from kocsite.cli import main

main()
