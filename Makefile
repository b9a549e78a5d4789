# Shortcuts for developers; kit.py does the work, so the README needs only python3.
.PHONY: start test format lint

start:
	python3 kit.py start

test:
	python3 kit.py test

format:
	python3 kit.py format

lint:
	python3 kit.py lint
