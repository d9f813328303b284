# stand-in for OpT0Finder's configure.sh
export FLASHMATCH_READY=1
