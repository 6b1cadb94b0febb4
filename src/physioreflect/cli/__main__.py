from physioreflect.cli import run

run()
