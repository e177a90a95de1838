// guarded.hpp - C++ face of guarded_buffer.h: Guarded<T>(n) is n elements of T that end right
// before an inaccessible page.
#pragma once

#include <cstddef>
#include <stdexcept>

#include "guarded_buffer.h"

template <typename T>
class Guarded {
public:
    explicit Guarded(std::size_t count) : count_(count)
    {
        if (guarded_buffer_init(&buffer_, count * sizeof(T)) != 0)
            throw std::runtime_error("cannot map a guarded buffer");
    }
    ~Guarded() { guarded_buffer_free(&buffer_); }
    Guarded(const Guarded &) = delete;
    Guarded &operator=(const Guarded &) = delete;

    T *get() const { return static_cast<T *>(buffer_.data); }
    T &operator[](std::size_t i) const { return get()[i]; }
    std::size_t count() const { return count_; }

private:
    guarded_buffer buffer_{};
    std::size_t count_;
};
