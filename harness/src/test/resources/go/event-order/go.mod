module evorder

go 1.19
