from spread.cli import main

main()
