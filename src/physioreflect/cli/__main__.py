from physioreflect.cli import main

main()
